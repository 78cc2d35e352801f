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
