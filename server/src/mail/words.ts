import type { LanguageCode } from '@majlis/shared';

/**
 * The mails' words in the six UN languages (LANG-1): a mail is written in
 * its recipient's language, so it cannot use the client's catalogues.
 */
interface SignInWords {
  subject: (summit: string) => string;
  body: (name: string, summit: string, url: string, minutes: number) => string;
}

export const SIGN_IN_MAIL: Readonly<Record<LanguageCode, SignInWords>> = {
  en: {
    subject: (summit) => `Your sign-in link for ${summit}`,
    body: (name, summit, url, minutes) =>
      `Dear ${name},\n\nOpen this link to sign in to ${summit}:\n\n${url}\n\nIt works once, for ${minutes} minutes. If you did not ask for it, ignore this mail.\n\nThe secretariat`,
  },
  fr: {
    subject: (summit) => `Votre lien de connexion pour ${summit}`,
    body: (name, summit, url, minutes) =>
      `Bonjour ${name},\n\nOuvrez ce lien pour vous connecter à ${summit} :\n\n${url}\n\nIl ne sert qu’une fois, pendant ${minutes} minutes. Si vous ne l’avez pas demandé, ignorez ce message.\n\nLe secrétariat`,
  },
  es: {
    subject: (summit) => `Su enlace de acceso a ${summit}`,
    body: (name, summit, url, minutes) =>
      `Estimado/a ${name}:\n\nAbra este enlace para acceder a ${summit}:\n\n${url}\n\nSolo sirve una vez, durante ${minutes} minutos. Si no lo solicitó, ignore este mensaje.\n\nLa secretaría`,
  },
  ar: {
    subject: (summit) => `رابط تسجيل الدخول إلى ${summit}`,
    body: (name, summit, url, minutes) =>
      `السيد/السيدة ${name}،\n\nافتح هذا الرابط لتسجيل الدخول إلى ${summit}:\n\n${url}\n\nيعمل مرة واحدة فقط، لمدة ${minutes} دقيقة. إن لم تطلبه فتجاهل هذه الرسالة.\n\nالأمانة`,
  },
  ru: {
    subject: (summit) => `Ссылка для входа: ${summit}`,
    body: (name, summit, url, minutes) =>
      `Уважаемый(ая) ${name}!\n\nОткройте эту ссылку, чтобы войти: ${summit}\n\n${url}\n\nОна действует один раз в течение ${minutes} минут. Если вы её не запрашивали, просто проигнорируйте это письмо.\n\nСекретариат`,
  },
  zh: {
    subject: (summit) => `${summit}登录链接`,
    body: (name, summit, url, minutes) =>
      `${name}：\n\n请打开以下链接登录${summit}：\n\n${url}\n\n该链接仅可使用一次，有效期${minutes}分钟。如非本人申请，请忽略此邮件。\n\n秘书处`,
  },
};

interface InvitationWords {
  subject: (summit: string) => string;
  body: (name: string, summit: string, url: string, expires: string) => string;
}

/** The invitation: the first sign-in, single use, until the date the secretariat chose. */
export const INVITATION_MAIL: Readonly<Record<LanguageCode, InvitationWords>> = {
  en: {
    subject: (summit) => `Your invitation to ${summit}`,
    body: (name, summit, url, expires) =>
      `Dear ${name},\n\nYou are accredited to ${summit}. Open this link to sign in for the first time:\n\n${url}\n\nIt works once, until ${expires}. Afterwards, ask for a sign-in link on the sign-in page.\n\nThe secretariat`,
  },
  fr: {
    subject: (summit) => `Votre invitation : ${summit}`,
    body: (name, summit, url, expires) =>
      `Bonjour ${name},\n\nVous êtes accrédité(e) à ${summit}. Ouvrez ce lien pour vous connecter la première fois :\n\n${url}\n\nIl ne sert qu’une fois, jusqu’au ${expires}. Ensuite, demandez un lien de connexion sur la page de connexion.\n\nLe secrétariat`,
  },
  es: {
    subject: (summit) => `Su invitación: ${summit}`,
    body: (name, summit, url, expires) =>
      `Estimado/a ${name}:\n\nEstá acreditado/a en ${summit}. Abra este enlace para acceder por primera vez:\n\n${url}\n\nSolo sirve una vez, hasta el ${expires}. Después, solicite un enlace de acceso en la página de inicio de sesión.\n\nLa secretaría`,
  },
  ar: {
    subject: (summit) => `دعوتك إلى ${summit}`,
    body: (name, summit, url, expires) =>
      `السيد/السيدة ${name}،\n\nأنت معتمد في ${summit}. افتح هذا الرابط لتسجيل الدخول للمرة الأولى:\n\n${url}\n\nيعمل مرة واحدة فقط، حتى ${expires}. بعد ذلك اطلب رابط تسجيل الدخول من صفحة تسجيل الدخول.\n\nالأمانة`,
  },
  ru: {
    subject: (summit) => `Ваше приглашение: ${summit}`,
    body: (name, summit, url, expires) =>
      `Уважаемый(ая) ${name}!\n\nВы аккредитованы: ${summit}. Откройте эту ссылку, чтобы войти в первый раз:\n\n${url}\n\nОна действует один раз, до ${expires}. Затем запрашивайте ссылку для входа на странице входа.\n\nСекретариат`,
  },
  zh: {
    subject: (summit) => `${summit}邀请函`,
    body: (name, summit, url, expires) =>
      `${name}：\n\n您已获准参加${summit}。请打开以下链接首次登录：\n\n${url}\n\n该链接仅可使用一次，有效期至${expires}。此后请在登录页面申请登录链接。\n\n秘书处`,
  },
};
