/**
 * The info pages and the page of a link that opens nothing, in Spanish (info-texts.ts holds the
 * shape and the English). Correct spelling with every accent; the Spanish keywords the reply reader
 * knows (LISTO, DOLOR, PAUSA, SEGUIR, AYUDA, BORRAR); STOP as carriers read it.
 */
import type { InfoTexts } from './info-texts.ts';

export const INFO_ES: InfoTexts = {
  lang: 'es',
  navLabel: 'Más sobre este servicio',
  navHtml:
    '<a href="/">La evaluación de la espalda</a> · <a href="/help">Ayuda</a> · <a href="/opt-in">Cómo te apuntas a los mensajes</a> · <a href="/privacy">Privacidad</a> · <a href="/terms">Condiciones</a>',
  contactHtml: (app, contact) => `Contacta con ${app}: ${contact}, o responde AYUDA a cualquier mensaje.`,
  replyHelpHtml: (app) => `Responde AYUDA a cualquier mensaje de ${app}.`,
  optIn: {
    title: 'Cómo te apuntas a los mensajes',
    whereTitle: 'Dónde se apuntan los pacientes',
    whereHtml:
      'Los pacientes se apuntan ellos mismos en el formulario de la <a href="/">evaluación de la espalda</a>, en su propio teléfono. Califican diez movimientos, ven su plan para casa y escriben su propio número de celular.',
    whereCode:
      'No se envía nada hasta que marcan la casilla de consentimiento de abajo y envían el formulario. El código de un solo uso que les enviamos entonces prueba que el número es suyo; los avisos empiezan solo después de que lo escriben.',
    agreeTitle: (version) =>
      `Lo que aceptan (se muestra y se guarda palabra por palabra, versión ${version})`,
    consentNote:
      'El texto del consentimiento se muestra en inglés, tal como se guarda: una versión en español necesita su propia revisión.',
    getTitle: 'Lo que reciben',
    getHtml: (perDay, times, days) =>
      `Hasta ${perDay} avisos al día a sus horas de sesión (por defecto ${times}) durante ${days} días, un código de un solo uso, un mensaje de bienvenida y un mensaje el último día.`,
    welcomeHtml: (text) => `Ejemplo del mensaje de bienvenida: <q>${text}</q>`,
    helpHtml: (text) => `Respuesta a AYUDA: <q>${text}</q>`,
    stop: 'STOP (o cualquier palabra habitual para darse de baja) termina todos los mensajes al instante.',
  },
  privacy: {
    title: 'Privacidad',
    keptTitle: 'Lo que guardamos',
    kept: 'Tu número de celular (para enviarte mensajes; guardado solo donde se envían los mensajes, y en lo demás como un código con clave que no se puede volver a convertir en el número), los niveles de dolor que diste, las señales de alarma que marcaste, tu plan, tus horas de sesión y tu zona horaria, tu consentimiento con su hora, y tus respuestas (LISTO, niveles de dolor y cualquier mensaje que nos envíes, que tu clínica puede leer).',
    whyTitle: 'Para qué',
    why: 'Solo para hacer tu plan para casa, enviarte tus avisos, anotar tus sesiones y que tu clínica pueda cuidarte. No vendemos ni compartimos tus datos, y no los usamos para publicidad.',
    howLongTitle: 'Cuánto tiempo',
    howLong: (days) =>
      `Un plan que nunca confirmas se borra a los 2 días. Todo lo demás se borra ${days} días después de que termine tu plan.`,
    choicesTitle: 'Lo que puedes decidir',
    choices: (minutes) =>
      `Responde STOP para terminar todos los mensajes. Responde BORRAR para borrar todos tus datos: te enviamos un código de 4 cifras, y si respondes BORRAR con ese código en menos de ${minutes} minutos, se borra todo al instante.`,
    whoTitle: 'Quién los trata',
    whoHtml: (app) =>
      `${app} ofrece este servicio desde su propia cuenta de Amazon Web Services; AWS guarda los datos (cifrados) y envía los mensajes en su nombre.`,
  },
  terms: {
    title: 'Condiciones',
    serviceTitle: 'El servicio',
    serviceHtml: (app, perDay, days) =>
      `${app} te envía avisos para un plan de rehabilitación de la espalda en casa: hasta ${perDay} al día durante ${days} días, más un código de un solo uso, un mensaje de bienvenida y un mensaje el último día. Pueden aplicarse tarifas de mensajes y datos.`,
    adviceTitle: 'No es consejo médico',
    advice: (maxPain) =>
      `El plan sigue la regla de un especialista en movimiento. No sustituye a un médico ni a un fisioterapeuta. Deja cualquier movimiento que te duela más de ${maxPain} sobre 10. Si notas adormecimiento en la ingle o las nalgas, problemas para controlar la vejiga o el intestino, o debilidad en las piernas, llama a tu número de emergencias.`,
    stoppingTitle: 'Terminar y pedir ayuda',
    stopping:
      'Responde STOP para terminar los mensajes cuando quieras, AYUDA para pedir ayuda, BORRAR para borrar tus datos.',
  },
  help: {
    title: 'Ayuda',
    reachTitle: 'Hablar con una persona',
    reachContactHtml: (app, contact) => `Contacta con ${app}: <strong>${contact}</strong>.`,
    reachReplyHtml: (app) =>
      `Responde a cualquier mensaje de ${app} con tu pregunta, con tus propias palabras: tu clínica lee los mensajes que envías y puede llamarte.`,
    urgent:
      'Si necesitas atención ahora (adormecimiento en la ingle o las nalgas, problemas con la vejiga o el intestino, debilidad en las piernas que empeora), llama a tu número de emergencias.',
    repliesTitle: 'Lo que puedes responder a un mensaje',
    repliesHtml:
      '<strong>LISTO</strong> después de una sesión. <strong>DOLOR</strong> y un número del 0 al 10 para tu dolor de espalda de hoy. <strong>PAUSA</strong> para pausar los avisos, <strong>SEGUIR</strong> para volver a recibirlos. <strong>STOP</strong> para terminarlos. <strong>BORRAR</strong> para borrar tus datos.',
    link: 'Cada aviso lleva a la página de tu plan: tus movimientos con dibujos, y un botón de Listo.',
    page: 'En la página de tu plan también puedes cambiar tus horas de sesión o tu zona horaria, saltar o posponer una sesión, pausar o terminar tus avisos, y borrar tus datos.',
  },
  erased: {
    title: 'Tus datos están borrados',
    heading: 'Todo está borrado',
    goneHtml: (app) =>
      `Tu plan, tus respuestas, tu número de teléfono y tu progreso están borrados de ${app}. Tus avisos terminaron, y el enlace de la página de tu plan ya no se abre.`,
    againHtml:
      'No recibirás más mensajes nuestros. Para empezar otra vez, <a href="/">haz la evaluación</a>.',
  },
  notFound: {
    title: (app) => `${app}: página no encontrada`,
    heading: 'Este enlace no funciona',
    bodyHtml:
      'Esta página del plan no existe o ya caducó. Usa el enlace de tu aviso más reciente, o <a href="/">haz la evaluación</a> para un plan nuevo.',
  },
};
