/**
 * The plan page in Spanish (page-texts.ts holds the shape and the English). Correct spelling with
 * every accent: pages are not folded (only texts are, messaging/sms.ts `toGsm7`). Plain words, "tú"
 * as the texts use; the keywords the texts and the reply reader know in Spanish (SEGUIR, DOLOR,
 * HORAS).
 */
import { plural, type PageTexts } from './page-texts.ts';

const change = (first: number, latest: number) => {
  const by = Math.abs(latest - first);
  if (by === 0) return 'igual';
  const points = `${by} ${plural('es', by, { one: 'punto', other: 'puntos' })}`;
  return latest < first ? `${points} mejor` : `${points} peor`;
};

export const PAGE_ES: PageTexts = {
  lang: 'es',
  dateLocale: 'es-US',
  title: (appName) => `${appName}: tu plan`,
  skipLink: 'Ir a tu plan',
  heading: {
    ended: 'Este plan terminó',
    finished: 'Tu plan está completo',
    ahead: 'Tu plan',
    today: 'Tu plan de hoy',
  },
  sessionHeading: { today: 'La sesión de hoy', all: 'Los ejercicios de tu plan' },
  sessionIntroHtml: (perDay, times, zone) =>
    `Haz estos ejercicios despacio y con suavidad, ${perDay} veces al día, a las ${times} (${zone}). ` +
    '<strong>Deja cualquier ejercicio que duela más de 3</strong> de 10.',
  safetyTitle: 'Cuídate',
  safety: [
    'Deja cualquier ejercicio que duela más de 3 de 10, y no lo hagas la próxima vez.',
    'Llama a tu número de emergencias si notas adormecimiento en la ingle o las nalgas, problemas para orinar o para controlar la vejiga o el intestino, una pierna cada vez más débil, o un dolor fuerte y repentino, como un desgarro, en la espalda o la barriga.',
    'Ve al médico hoy si tienes fiebre o te sientes mal, o si el dolor empezó tras una caída.',
    'Ve a un profesional de salud esta semana si el dolor empeora o no te deja dormir.',
    'Este plan da recordatorios generales de ejercicio. No es consejo médico.',
  ],
  aboutTitle: 'Sobre este plan',
  caveats: [
    'Este plan es para un tirón o espasmo común de espalda. Si tu dolor se siente distinto, o no estás seguro, pregunta antes a un médico o fisioterapeuta.',
    'Saber por qué te lastimaste importa tanto como curarte: piensa qué hacías cuando empezó (levantar algo, girar, estar mucho tiempo sentado), y pide a un especialista en movimiento o fisioterapeuta que lo revise, para que no vuelva a pasar.',
  ],
  dayOf: (day, of) => `Día ${day} de ${of}`,
  sessionOf: (n, of) => `Sesión ${n} de ${of}`,
  beforeStart: 'Tu plan empieza otro día. Esto es lo que incluye.',
  lastDay:
    'Hoy es el último día de tu plan. Desde mañana esta página muestra cómo te fue, ' +
    'y puedes hacer la evaluación otra vez para tu siguiente plan.',
  paused: 'Tus avisos están en pausa.',
  pausedReplyResume: 'Tus avisos están en pausa. Responde SEGUIR a un aviso para volver a recibirlos.',
  advice: {
    seekCare:
      'Con tanto dolor necesitas el consejo de un profesional: llama hoy a tu médico o clínica. ' +
      'Tus avisos están en pausa.',
    urgent:
      'Esto puede necesitar atención urgente. Llama a tu número de emergencias o ve a urgencias ahora. ' +
      'Tus avisos están en pausa.',
  },
  clinicianChecked: (by, because) =>
    `${by === 'clinic' ? 'Tu clínica dice' : 'Nos dijiste'} que un profesional de salud revisó este dolor de espalda. ` +
    `Como ${because}, deja los ejercicios y habla con ese profesional si el dolor empeora, ` +
    'si te despierta de noche, o si te sientes mal o notas adormecimiento o debilidad nuevos.',
  weakBecause: {
    'cancer-history': 'has tenido cáncer',
    'steroids-osteoporosis': 'has tomado corticoides mucho tiempo o tienes osteoporosis',
    'new-pain-age': 'este dolor de espalda es nuevo a tu edad',
  },
  resume: 'Volver a recibir avisos',
  pause: 'Pausar mis avisos',
  noSessionLeft: 'No quedan sesiones hoy',
  finished: (n, of) => `¿Terminaste la sesión ${n} de ${of}?`,
  logged: (n, of) => `La sesión ${n} de ${of} está anotada. ¡Muy bien!`,
  doneHint: 'Toca Listo cuando la termines.',
  done: 'Listo',
  nextTitle: (time, from) =>
    from ? `Tu próxima sesión: ${time} (aplazada desde las ${from})` : `Tu próxima sesión: ${time}`,
  nextBusy: '¿Estarás ocupado? Sáltala hoy, o recibe su aviso más tarde.',
  skip: 'Saltarla hoy',
  remindAt: (time) => `Avísame a las ${time}`,
  sessionNames: ['Primera', 'Segunda', 'Tercera'],
  changeTimes: 'Cambiar las horas o la zona horaria',
  timesHaveRoom: (times) => `Estas horas tienen lugar: ${times}. Guarda para tomarlas.`,
  timesWindow: (from, to) => `Entre las ${from} y las ${to}, con al menos 3 horas entre ellas.`,
  timeZone: 'Zona horaria',
  zoneOther: '¿En otro lugar? Escribe su zona horaria',
  zoneOtherHint: 'Una región y una ciudad, como Europe/Madrid. Déjalo vacío para usar la lista.',
  saveTimes: 'Guardar horas',
  orText: (example) => `O envía un mensaje con HORAS y tres horas, como HORAS ${example}.`,
  remindersTitle: 'Tus avisos',
  remindersAt: (times, zone) => `Llegan a las ${times}, ${zone}.`,
  remindersPausedAt: (times, zone) => `En pausa. Cuando estén activos, llegan a las ${times}, ${zone}.`,
  remindersEnded: 'Tus avisos terminaron.',
  addToCalendar: 'Añadir al calendario',
  stopLink: 'Dejar de recibir avisos',
  eraseLink: 'Borrar mis datos',
  confirmStop: {
    title: '¿Dejar de recibir avisos?',
    words:
      'No recibirás más avisos ni mensajes sobre este plan. Podrás seguir abriendo esta página. Para empezar de nuevo más adelante, haz la evaluación.',
    button: 'Sí, dejar de recibir avisos',
  },
  confirmErase: {
    title: '¿Borrar todos tus datos?',
    words:
      'Se borrarán tu plan, tus respuestas, tu número de teléfono y tu progreso, tus avisos terminarán y esta página dejará de abrirse. No se puede deshacer.',
    button: 'Sí, borrar todo',
  },
  goBack: 'No, volver',
  checkInTitle: '¿Cómo está tu espalda hoy?',
  checkInHint: 'Toca un número: 0 es sin dolor, 10 es el peor dolor que puedas imaginar.',
  scaleNoPain: ' (sin dolor)',
  scaleWorst: ' (el peor)',
  legendNoPain: '0 sin dolor',
  legendWorst: '10 el peor',
  todaySoFar: (pain) => `Tu puntuación de hoy: ${pain} de 10.`,
  checkInNoScript: 'O responde DOLOR y un número a un aviso, como DOLOR 3.',
  progressTitle: { summary: 'Día a día', today: 'Tu progreso' },
  todayNone: 'Hoy: no hay sesiones que hacer.',
  todaySessions: (done, of) =>
    `Hoy: ${done} de ${of} ${plural('es', of, { one: 'sesión hecha', other: 'sesiones hechas' })}.`,
  nothingLogged: 'No se anotó nada durante este plan.',
  noSessionsYet: 'Aún no hay sesiones anotadas: toca Listo después de cada sesión.',
  noPainYet: 'Aún no hay puntuaciones de dolor de espalda.',
  sessionsSoFar: (done, of) => `Sesiones hechas hasta ahora: ${done} de ${of}.`,
  chartCaption:
    'La línea es tu dolor de espalda cada día (0 sin dolor, 10 el peor). Cada bloque lleno es una sesión hecha.',
  painLineHint: 'Dinos cómo está tu espalda cada día para ver una línea aquí.',
  seeTable: 'Ver cada día en una tabla',
  painInWords: ({ first, latest, one, firstToday, latestToday }) =>
    one
      ? `Tu espalda: ${first.pain} de 10 ${firstToday ? 'hoy' : `el día ${first.day}`}.`
      : `Tu espalda: ${first.pain} el día ${first.day}, ${latest.pain} ${latestToday ? 'ahora' : `el día ${latest.day}`}` +
        ` (${change(first.pain, latest.pain)}).`,
  chartTitle: 'Tu progreso, día a día',
  chartPainAxis: 'Dolor de espalda (0 a 10)',
  chartNoPain: 'Aún no hay puntuaciones de dolor',
  chartSessions: (perDay) => `Sesiones hechas (${perDay} al día)`,
  chartDay: (day) => `Día ${day}`,
  chartToday: 'Hoy',
  chartSummary: ({ first, latest, one, done, soFar, planned }) =>
    `${
      !first || !latest
        ? 'Aún no hay puntuaciones de dolor de espalda.'
        : one
          ? `Dolor de espalda ${first.pain} de 10 el día ${first.day}.`
          : `Dolor de espalda ${first.pain} de 10 el día ${first.day} y ${latest.pain} el día ${latest.day}` +
            ` (${change(first.pain, latest.pain)}).`
    } Sesiones hechas: ${done} de ${soFar} hasta ahora, de ${planned} en todo el plan.`,
  tableCaption: 'Sesiones hechas y dolor de espalda, día a día',
  tableDay: 'Día',
  tableSessions: 'Sesiones hechas',
  tablePain: 'Dolor de espalda (0 a 10)',
  tableDayRow: (day, today) => (today ? `Día ${day} (hoy)` : `Día ${day}`),
  tableSessionsOf: (done, of) => `${done} de ${of}`,
  tableNoScore: 'sin puntuación',
  summaryTitle: 'Cómo te fue',
  summarySessionsHtml: (done, planned) =>
    `<strong>${done} de ${planned}</strong> ${plural('es', planned, { one: 'sesión hecha', other: 'sesiones hechas' })}.`,
  summaryNoPain: 'No se anotaron puntuaciones de dolor de espalda.',
  nextStepTitle: 'Siguiente paso',
  nextStep: {
    reassess: 'Haz la evaluación otra vez: puntúa los mismos ejercicios y recibe tu siguiente plan.',
    'see-clinician':
      'Consulta con un profesional de salud antes de volver a hacer ejercicio. Luego haz la evaluación para un plan nuevo.',
    'newer-plan': 'Tienes un plan más nuevo. Abre el enlace de tu aviso más reciente.',
  },
  takeCheckIn: 'Hacer la evaluación',
  notes: {
    done: 'Anotado. ¡Muy bien!',
    paused: 'Tus avisos están en pausa. Vuelve a activarlos aquí cuando quieras.',
    resumed: 'Tus avisos vuelven a llegar a tus horas de sesión.',
    stopped: 'Tus avisos se detuvieron. No recibirás más avisos.',
    skipped: 'Saltada: hoy no hay aviso para esa sesión.',
    snoozed: 'Aplazada: el aviso llega más tarde hoy, a la hora de abajo.',
    times: 'Guardado: tus avisos llegan a las horas de abajo.',
    'times-refused':
      'No se pueden usar esas horas: elige tres horas, con al menos 3 horas entre ellas, dentro del horario de abajo.',
    'times-full': 'Esas horas están llenas. Elige otras, por favor.',
    'not-running': 'No cambió nada: este plan no está activo.',
    nothing: 'No cambió nada.',
    language: 'Esta página, tus mensajes y tus avisos ahora están en español.',
  },
  painCheckIn: (pain, seekCare, maxPain) =>
    seekCare
      ? `Anotado: tu espalda está en ${pain} de 10 hoy.`
      : `Gracias: tu espalda está en ${pain} de 10 hoy. ` +
        `Deja cualquier ejercicio que duela más de ${maxPain}, y avisa a tu profesional de salud si empeora.`,
  dose: (m) => {
    const count =
      m.repUnit === 'reps/side'
        ? `${m.reps} ${plural('es', m.reps, { one: 'repetición', other: 'repeticiones' })} por lado`
        : m.repUnit === 'lengths'
          ? `${m.reps} ${plural('es', m.reps, { one: 'tramo', other: 'tramos' })}`
          : `${m.reps} ${plural('es', m.reps, { one: 'repetición', other: 'repeticiones' })}`;
    return `${count}, ${m.sets} ${plural('es', m.sets, { one: 'serie', other: 'series' })}`;
  },
  lengthMeaning: 'Un tramo son unos 10 pasos en una dirección, a un ritmo lento y constante.',
  languageTitle: 'Idioma',
  switchTo: 'Ver esta página y mis mensajes en español',
  failed: 'No funcionó. Inténtalo de nuevo.',
  offline: 'No se pudo conectar con el servicio. Revisa tu conexión e inténtalo de nuevo.',
  otherTimesHaveRoom: 'Hay otras horas con lugar: elige otras.',
};
