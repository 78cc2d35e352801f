import type {
  BallotChoice,
  InterventionKind,
  LanguageCode,
  Outcome,
  RulingOutcome,
} from '@majlis/shared';

/**
 * The words of the summary record (REC-1) in the six official languages.
 * The record is rendered on the server (HTML and PDF), so its words live
 * here; the kinds, choices and outcomes match the client's catalogues.
 */
export interface SummaryLabels {
  title: string;
  session: string;
  interventions: string;
  delegation: string;
  speaker: string;
  kind: string;
  agendaItem: string;
  start: string;
  duration: string;
  none: string;
  pointsOfOrder: string;
  ruling: string;
  motions: string;
  result: string;
  tally: string;
  required: string;
  rollCall: string;
  attendance: string;
  firstArrival: string;
  lastDeparture: string;
  present: string;
  stillPresent: string;
  verification: string;
  coversEntries: (count: number, lastSeq: number) => string;
  lastHash: string;
  chainIntact: string;
  chainBroken: (seq: number) => string;
  generated: string;
  kinds: Record<InterventionKind, string>;
  choices: Record<BallotChoice | 'not_voting', string>;
  outcomes: Record<Outcome, string>;
  rulings: Record<RulingOutcome, string>;
  ballots: { recorded: string; secret: string };
}

export const SUMMARY_LABELS: Record<LanguageCode, SummaryLabels> = {
  en: {
    title: 'Summary record',
    session: 'Session',
    interventions: 'Interventions',
    delegation: 'Delegation',
    speaker: 'Speaker',
    kind: 'Kind',
    agendaItem: 'Agenda item',
    start: 'Start',
    duration: 'Duration',
    none: 'None.',
    pointsOfOrder: 'Points of order and rulings',
    ruling: 'Ruling',
    motions: 'Motions and votes',
    result: 'Result',
    tally: 'Yes {yes}, no {no}, abstentions {abstain}, objections {objections}',
    required: 'Required',
    rollCall: 'Roll call',
    attendance: 'Attendance',
    firstArrival: 'First arrival',
    lastDeparture: 'Last departure',
    present: 'Time present',
    stillPresent: 'still present',
    verification: 'Verification',
    coversEntries: (n, seq) =>
      `This record covers ${n} entries of the summit’s record, up to entry ${seq}.`,
    lastHash: 'Hash of the last entry covered',
    chainIntact: 'The hash chain was verified intact when this record was made.',
    chainBroken: (seq) => `The hash chain is broken at entry ${seq}.`,
    generated: 'Made at',
    kinds: {
      statement: 'Statement',
      point_of_order: 'Point of order',
      right_of_reply: 'Right of reply',
      explanation_of_vote: 'Explanation of vote',
    },
    choices: {
      yes: 'Yes',
      no: 'No',
      abstain: 'Abstain',
      object: 'Object',
      not_voting: 'Did not vote',
    },
    outcomes: { adopted: 'Adopted', rejected: 'Not adopted' },
    rulings: { upheld: 'Upheld', not_upheld: 'Not upheld', out_of_order: 'Out of order' },
    ballots: { recorded: 'recorded vote', secret: 'secret ballot' },
  },
  fr: {
    title: 'Compte rendu analytique',
    session: 'Séance',
    interventions: 'Interventions',
    delegation: 'Délégation',
    speaker: 'Orateur',
    kind: 'Nature',
    agendaItem: 'Point de l’ordre du jour',
    start: 'Début',
    duration: 'Durée',
    none: 'Néant.',
    pointsOfOrder: 'Motions d’ordre et décisions',
    ruling: 'Décision',
    motions: 'Propositions et votes',
    result: 'Résultat',
    tally: 'Pour {yes}, contre {no}, abstentions {abstain}, objections {objections}',
    required: 'Requis',
    rollCall: 'Vote par appel nominal',
    attendance: 'Présence',
    firstArrival: 'Première arrivée',
    lastDeparture: 'Dernier départ',
    present: 'Temps de présence',
    stillPresent: 'encore présente',
    verification: 'Vérification',
    coversEntries: (n, seq) =>
      `Ce compte rendu couvre ${n} entrées du registre du sommet, jusqu’à l’entrée ${seq}.`,
    lastHash: 'Empreinte de la dernière entrée couverte',
    chainIntact: 'La chaîne d’empreintes était intacte lors de l’établissement du compte rendu.',
    chainBroken: (seq) => `La chaîne d’empreintes est rompue à l’entrée ${seq}.`,
    generated: 'Établi le',
    kinds: {
      statement: 'Déclaration',
      point_of_order: 'Motion d’ordre',
      right_of_reply: 'Droit de réponse',
      explanation_of_vote: 'Explication de vote',
    },
    choices: {
      yes: 'Pour',
      no: 'Contre',
      abstain: 'Abstention',
      object: 'Objection',
      not_voting: 'N’a pas voté',
    },
    outcomes: { adopted: 'Adoptée', rejected: 'Non adoptée' },
    rulings: { upheld: 'Retenue', not_upheld: 'Rejetée', out_of_order: 'Irrecevable' },
    ballots: { recorded: 'vote enregistré', secret: 'scrutin secret' },
  },
  ar: {
    title: 'المحضر الموجز',
    session: 'الجلسة',
    interventions: 'المداخلات',
    delegation: 'الوفد',
    speaker: 'المتحدث',
    kind: 'النوع',
    agendaItem: 'بند جدول الأعمال',
    start: 'البداية',
    duration: 'المدة',
    none: 'لا شيء.',
    pointsOfOrder: 'نقاط النظام والقرارات',
    ruling: 'القرار',
    motions: 'المقترحات والتصويت',
    result: 'النتيجة',
    tally: 'نعم {yes}، لا {no}، امتناع {abstain}، اعتراض {objections}',
    required: 'المطلوب',
    rollCall: 'التصويت بنداء الأسماء',
    attendance: 'الحضور',
    firstArrival: 'أول وصول',
    lastDeparture: 'آخر مغادرة',
    present: 'مدة الحضور',
    stillPresent: 'لا يزال حاضرًا',
    verification: 'التحقق',
    coversEntries: (n, seq) => `يغطي هذا المحضر ${n} قيدًا من سجل القمة، حتى القيد ${seq}.`,
    lastHash: 'بصمة آخر قيد مشمول',
    chainIntact: 'تم التحقق من سلامة سلسلة البصمات عند إعداد هذا المحضر.',
    chainBroken: (seq) => `سلسلة البصمات منقطعة عند القيد ${seq}.`,
    generated: 'أُعدّ في',
    kinds: {
      statement: 'بيان',
      point_of_order: 'نقطة نظام',
      right_of_reply: 'حق الرد',
      explanation_of_vote: 'تعليل التصويت',
    },
    choices: { yes: 'نعم', no: 'لا', abstain: 'امتناع', object: 'اعتراض', not_voting: 'لم يصوِّت' },
    outcomes: { adopted: 'اعتُمد', rejected: 'لم يُعتمد' },
    rulings: { upheld: 'مقبولة', not_upheld: 'مرفوضة', out_of_order: 'خارج النظام' },
    ballots: { recorded: 'تصويت مسجَّل', secret: 'اقتراع سري' },
  },
  zh: {
    title: '简要记录',
    session: '会议',
    interventions: '发言',
    delegation: '代表团',
    speaker: '发言人',
    kind: '类型',
    agendaItem: '议程项目',
    start: '开始',
    duration: '时长',
    none: '无。',
    pointsOfOrder: '程序问题和裁决',
    ruling: '裁决',
    motions: '提案和表决',
    result: '结果',
    tally: '赞成 {yes}，反对 {no}，弃权 {abstain}，反对协商一致 {objections}',
    required: '所需票数',
    rollCall: '唱名表决',
    attendance: '出席情况',
    firstArrival: '最早到达',
    lastDeparture: '最后离开',
    present: '出席时间',
    stillPresent: '仍在场',
    verification: '核验',
    coversEntries: (n, seq) => `本记录涵盖峰会记录中的 ${n} 个条目，截至第 ${seq} 条。`,
    lastHash: '所涵盖最后一个条目的哈希值',
    chainIntact: '编写本记录时已核验哈希链完整。',
    chainBroken: (seq) => `哈希链在第 ${seq} 条处断裂。`,
    generated: '编写时间',
    kinds: {
      statement: '发言',
      point_of_order: '程序问题',
      right_of_reply: '答辩权',
      explanation_of_vote: '解释投票',
    },
    choices: {
      yes: '赞成',
      no: '反对',
      abstain: '弃权',
      object: '反对协商一致',
      not_voting: '未投票',
    },
    outcomes: { adopted: '通过', rejected: '未通过' },
    rulings: { upheld: '成立', not_upheld: '不成立', out_of_order: '不合程序' },
    ballots: { recorded: '记录表决', secret: '无记名投票' },
  },
  ru: {
    title: 'Краткий отчёт',
    session: 'Заседание',
    interventions: 'Выступления',
    delegation: 'Делегация',
    speaker: 'Оратор',
    kind: 'Вид',
    agendaItem: 'Пункт повестки дня',
    start: 'Начало',
    duration: 'Продолжительность',
    none: 'Нет.',
    pointsOfOrder: 'Выступления по порядку ведения и постановления',
    ruling: 'Постановление',
    motions: 'Предложения и голосования',
    result: 'Результат',
    tally: 'За {yes}, против {no}, воздержались {abstain}, возражения {objections}',
    required: 'Требуется',
    rollCall: 'Поимённое голосование',
    attendance: 'Присутствие',
    firstArrival: 'Первое прибытие',
    lastDeparture: 'Последний уход',
    present: 'Время присутствия',
    stillPresent: 'ещё присутствует',
    verification: 'Проверка',
    coversEntries: (n, seq) =>
      `Настоящий отчёт охватывает ${n} записей журнала саммита, до записи ${seq}.`,
    lastHash: 'Хеш последней охваченной записи',
    chainIntact: 'При составлении отчёта цепочка хешей проверена и цела.',
    chainBroken: (seq) => `Цепочка хешей нарушена на записи ${seq}.`,
    generated: 'Составлен',
    kinds: {
      statement: 'Выступление',
      point_of_order: 'По порядку ведения',
      right_of_reply: 'Право на ответ',
      explanation_of_vote: 'Мотивы голосования',
    },
    choices: {
      yes: 'За',
      no: 'Против',
      abstain: 'Воздержался',
      object: 'Возражение',
      not_voting: 'Не голосовал',
    },
    outcomes: { adopted: 'Принято', rejected: 'Не принято' },
    rulings: { upheld: 'Поддержано', not_upheld: 'Отклонено', out_of_order: 'Не по порядку' },
    ballots: { recorded: 'заносимое в отчёт голосование', secret: 'тайное голосование' },
  },
  es: {
    title: 'Acta resumida',
    session: 'Sesión',
    interventions: 'Intervenciones',
    delegation: 'Delegación',
    speaker: 'Orador',
    kind: 'Tipo',
    agendaItem: 'Tema del programa',
    start: 'Inicio',
    duration: 'Duración',
    none: 'Ninguno.',
    pointsOfOrder: 'Cuestiones de orden y decisiones',
    ruling: 'Decisión',
    motions: 'Propuestas y votaciones',
    result: 'Resultado',
    tally: 'Sí {yes}, no {no}, abstenciones {abstain}, objeciones {objections}',
    required: 'Necesarios',
    rollCall: 'Votación nominal',
    attendance: 'Asistencia',
    firstArrival: 'Primera llegada',
    lastDeparture: 'Última salida',
    present: 'Tiempo presente',
    stillPresent: 'aún presente',
    verification: 'Verificación',
    coversEntries: (n, seq) =>
      `Esta acta abarca ${n} asientos del registro de la cumbre, hasta el asiento ${seq}.`,
    lastHash: 'Huella del último asiento abarcado',
    chainIntact: 'La cadena de huellas se verificó íntegra al elaborar el acta.',
    chainBroken: (seq) => `La cadena de huellas está rota en el asiento ${seq}.`,
    generated: 'Elaborada el',
    kinds: {
      statement: 'Declaración',
      point_of_order: 'Cuestión de orden',
      right_of_reply: 'Derecho de réplica',
      explanation_of_vote: 'Explicación de voto',
    },
    choices: {
      yes: 'Sí',
      no: 'En contra',
      abstain: 'Abstención',
      object: 'Objeción',
      not_voting: 'No votó',
    },
    outcomes: { adopted: 'Aprobada', rejected: 'No aprobada' },
    rulings: { upheld: 'Procedente', not_upheld: 'Improcedente', out_of_order: 'Fuera de orden' },
    ballots: { recorded: 'votación registrada', secret: 'votación secreta' },
  },
};
