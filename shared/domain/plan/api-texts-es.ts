/**
 * The API's words in Spanish (api-texts.ts holds the shape and the English). Correct spelling with
 * every accent (the form shows them; only texts are folded), "tú" as the texts and the pages use,
 * "celular" and "código" as the form says them. An issue's sentence starts with its field's path,
 * as in English, so the form can put the field's own label in its place ("Teléfono: debe ser…").
 */
import type { ApiTexts } from './api-texts.ts';
import { PAGE_ES } from './page-texts-es.ts';
import { plural } from './page-texts.ts';

const startTo = (to: string | undefined) => (to ? `al ${to}` : 'a nuestro número');
const tries = (n: number) =>
  `${plural('es', n, { one: 'te queda', other: 'te quedan' })} ${n} ${plural('es', n, { one: 'intento', other: 'intentos' })}`;

export const API_ES: ApiTexts = {
  lang: 'es',
  advice: {
    tier: {
      'urgent-now':
        'Tus respuestas incluyen una señal de alarma que necesita atención ahora. No empieces estos ' +
        'ejercicios: llama a tu número de emergencias o ve a urgencias ahora.',
      'same-day':
        'Tus respuestas incluyen una señal que un médico debe revisar hoy. No empieces estos ejercicios: ' +
        'habla hoy con tu médico o con un servicio de atención urgente. Si empeora mucho, o empiezas a ' +
        'notar adormecimiento o debilidad, llama a tu número de emergencias.',
      'within-24h':
        'Tus respuestas incluyen señales que un médico debe revisar pronto. No empieces estos ejercicios: ' +
        'habla con tu médico en las próximas 24 horas (hoy, o mañana a primera hora). Si empeora mucho, o ' +
        'empiezas a notar adormecimiento o debilidad, llama a tu número de emergencias.',
      'this-week':
        'Tus respuestas incluyen una señal que un profesional de salud debe revisar. Ve a un médico o ' +
        'fisioterapeuta esta semana. Si empeora mucho, o notas adormecimiento o debilidad nuevos, busca ' +
        'atención enseguida.',
    },
    checkWithClinician: (because) =>
      `Como ${because}, un médico o fisioterapeuta debe revisar este dolor de espalda antes de que ` +
      'empieces estos ejercicios. Si ya lo revisó uno, puedes seguir.',
    clinicianChecked: PAGE_ES.clinicianChecked,
    weakBecause: PAGE_ES.weakBecause,
    severePain:
      'Un movimiento te dolió 8 o más sobre 10. Un dolor tan fuerte necesita un profesional de salud: ve a ' +
      'un médico o fisioterapeuta esta semana, y no hagas estos ejercicios hasta entonces. Si empeora ' +
      'mucho, o notas adormecimiento o debilidad nuevos, busca atención enseguida.',
    seeClinicianWithPlan:
      'Te duele la espalda incluso en reposo, así que ve a un médico o fisioterapeuta esta semana. Hasta ' +
      'entonces, haz solo los movimientos de abajo, y deja cualquiera que te duela más de 3.',
    noneQualify:
      'Ninguno de los movimientos que probaste se quedó en un dolor de 3 o menos, así que esta evaluación ' +
      'no da un plan seguro para casa. Ve a un especialista en movimiento o a un fisioterapeuta.',
    reducedAllTried: (count) =>
      `Tu plan tiene ${plural('es', count, { one: 'el movimiento', other: `los ${count} movimientos` })} que ` +
      'probaste, menos de los 4 o 5 habituales. La próxima vez, prueba más movimientos si puedes. Un ' +
      'especialista en movimiento o un fisioterapeuta también puede ayudarte.',
    reducedSomeQualified: (count, tried) =>
      `Solo ${count} de los ${tried} movimientos que probaste ${plural('es', count, { one: 'se quedó', other: 'se quedaron' })} ` +
      'en un dolor de 3 o menos, así que tu plan es más corto que los 4 o 5 habituales. Ve también a un ' +
      'especialista en movimiento o a un fisioterapeuta.',
  },
  errors: {
    limits: {
      'assessments-client-hour': (n) => ({
        message: `Demasiadas evaluaciones desde este aparato: como mucho ${n} por hora.`,
      }),
      'assessments-phone-day': (n) => ({
        message: `Este número ya hizo ${n} evaluaciones hoy, lo máximo en un día.`,
        phone: `phone ya hizo ${n} evaluaciones hoy, lo máximo para un número en un día`,
      }),
      'codes-phone-hour': (n) => ({
        message: `Este número ya recibió ${n} códigos en esta hora, lo máximo en una hora.`,
        phone: `phone ya recibió ${n} códigos en esta hora, lo máximo para un número en una hora`,
      }),
      'codes-phone-day': () => ({
        message: 'Este número ya recibió todos los códigos que puede recibir en 24 horas.',
        phone: 'phone ya recibió todos los códigos que un número puede recibir en 24 horas',
      }),
      'codes-client-hour': (n) => ({
        message: `Demasiados códigos pedidos desde este aparato: como mucho ${n} por hora.`,
      }),
      'code-checks-client-hour': (n) => ({
        message: `Demasiados códigos probados desde este aparato: como mucho ${n} por hora.`,
      }),
      'plan-page-client-hour': (n) => ({
        message: `Demasiadas páginas de plan abiertas desde este aparato: como mucho ${n} por hora.`,
      }),
      'form-requests-client-hour': (n) => ({
        message: `Demasiadas respuestas enviadas desde este aparato: como mucho ${n} por hora. Inténtalo más tarde.`,
      }),
      'resends-client-hour': (n) => ({
        message: `Demasiados códigos nuevos pedidos desde este aparato: como mucho ${n} por hora.`,
      }),
      'codes-plan': (n) => ({
        message: `Este plan ya recibió ${n} códigos, lo máximo para un plan: usa el último código, o envía el formulario otra vez.`,
      }),
    },
    invalidRequest: 'Hay respuestas que corregir: cada problema dice a qué dato se refiere.',
    invalidJson: 'El cuerpo de la solicitud no es JSON válido.',
    payloadTooLarge: (max, bytes) =>
      bytes === undefined
        ? `La solicitud es demasiado larga: esta API acepta como mucho ${max} bytes.`
        : `La solicitud tiene ${bytes} bytes: esta API acepta como mucho ${max} bytes.`,
    unsupportedMediaType: 'Envía el cuerpo como JSON, con content-type: application/json.',
    notFound: (method, path) => `No hay ninguna ruta para ${method} ${path}`,
    methodNotAllowed: (method, path) => `${method} no se permite en ${path}`,
    planNotFound: 'No hay ningún plan esperando un código con este id.',
    planNotFoundIssue: 'planId no es un plan que espere un código',
    pageNotFound: 'Esta página del plan no existe o ya caducó.',
    optedOut: (to) =>
      `Este número se dio de baja de nuestros mensajes, así que un código no le llegaría. Envía START ${startTo(to)} para volver a recibir mensajes, y luego envía el formulario otra vez. Un número se puede volver a activar una vez cada 30 días.`,
    optedOutIssue: (to) =>
      `phone está en nuestra lista de bajas, así que un código no le llegaría: envía START ${startTo(to)} primero, y luego envía el formulario otra vez (un número se puede volver a activar una vez cada 30 días)`,
    outsidePlan: (reason) =>
      `No se registró nada: ${
        {
          'plan-ended': 'este plan ya terminó',
          'your-plan-ended': 'tu plan ya terminó',
          'not-started': 'tu plan empieza otro día',
          'no-session': 'hoy no hay ninguna sesión que registrar',
          'not-on': 'tus avisos no están activos',
        }[reason]
      }.`,
    wrongCode: (left) =>
      left === undefined
        ? 'El código no es el que te enviamos.'
        : `El código no es el que te enviamos: ${tries(left)}.`,
    wrongCodeIssue: (left) =>
      left === undefined ? 'code no es el que te enviamos' : `code no es el que te enviamos: ${tries(left)}`,
    codeExpired: 'El código caducó: pide uno nuevo.',
    codeExpiredIssue: 'code caducó: pide uno nuevo',
    codeLocked:
      'Demasiados códigos incorrectos: este plan está bloqueado. Envía el formulario otra vez para recibir un código nuevo.',
    codeLockedIssue:
      'code fue incorrecto demasiadas veces: este plan está bloqueado; envía el formulario otra vez',
    resendTooSoon: (seconds) => `Espera ${seconds} segundos antes de pedir un código nuevo.`,
    alreadyVerified: 'Este plan ya está confirmado: sus avisos están activos.',
    notPending: 'Este plan ya no espera ningún código.',
    conflict: 'El plan cambió mientras tanto. Inténtalo otra vez.',
    phoneUnreachable: 'No podemos enviar mensajes a este número.',
    phoneUnreachableIssue: 'phone no puede recibir nuestros mensajes: revisa el número',
    previousPlanNotFound: 'No encontramos tu último plan para este número.',
    previousPlanIssue: 'previousPlan no es un plan de este número de teléfono, o ya no se guarda',
    holdTooHardIssue: () =>
      'kettlebellHold puede ser como mucho un agarre más difícil que el de tu último plan',
    timesFull: (suggested) =>
      `Los avisos a estas horas están completos.${suggested ? ` Las horas libres más cercanas son ${suggested.join(', ')}.` : ''}`,
    timesFullIssue: (index, suggestion) =>
      `sessionTimes.${index} está completa${suggestion ? `: prueba ${suggestion}` : ''}`,
    codesPaused: 'Ahora no podemos enviar códigos. Inténtalo más tarde.',
    smsBusy: 'Los mensajes están muy ocupados ahora. Inténtalo otra vez en un minuto.',
    crossOrigin: (problem) =>
      `Esto solo se puede hacer desde la propia página del plan (${problem}). No se registró nada.`,
  },
  issues: {
    notAnObject: 'El cuerpo debe ser un objeto JSON con los datos de esta solicitud.',
    notAField: (path) => `${path} no es un dato de esta solicitud`,
    required: (path) => `${path} es un dato obligatorio`,
    rules: {
      phone: 'debe ser tu número de celular, con el código de su país si no es de aquí',
      channel: 'debe ser "sms" o "push"',
      timeZone: 'debe ser una zona horaria conocida, como America/New_York',
      otherTimeZone: 'debe ser una zona horaria conocida, como America/New_York',
      sessionTimes: 'deben ser horas del día como HH:MM, una por sesión, de día y separadas entre sí',
      locale: 'debe ser una etiqueta de idioma, como es-US',
      consent: 'debe aceptarse: marca la casilla para aceptar los avisos',
      consentVersion: 'no está al día: vuelve a cargar la página y acepta el texto actual',
      scores: 'debe ser un dolor del 0 al 10 para cada movimiento que probaste',
      redFlags: 'deben ser señales de alarma de la lista',
      restPain: 'debe ser un número entero del 0 al 10',
      clinicianChecked: 'debe ser true o false',
      kettlebellHold: 'debe ser una de las formas de llevar la pesa rusa',
      previousPlan: 'debe ser el enlace de tu último plan',
      chosen: 'deben ser movimientos que dolieron 3 o menos',
      pushSubscription: 'debe ser la suscripción de notificaciones del navegador',
      language: 'debe ser uno de los idiomas que se ofrecen aquí',
      planId: 'debe ser el id de un plan que espera un código',
      code: 'debe ser el código que te enviamos por mensaje',
      pain: 'debe ser un número entero del 0 al 10',
      action: 'debe ser "skip" o "snooze"',
      minutes: 'debe ser 30, 60 o 120',
      lang: 'debe ser uno de los idiomas que se ofrecen aquí',
    },
    wants: (path, rule) => `${path} ${rule}`,
    invalid: (path) => `${path} no es válido: revisa esta respuesta`,
    notAMovement: (path, id) => `${path} "${id}" no es un movimiento de la evaluación`,
    notChoosable: (path, id) =>
      `${path} "${id}" no se puede elegir: elige movimientos que dolieron 3 o menos, cada uno una vez`,
  },
  actions: {
    pausedAlready: 'Tus avisos ya están en pausa.',
    paused: 'Tus avisos están en pausa. Vuelve a activarlos aquí cuando quieras.',
    onAlready: 'Tus avisos ya están activos.',
    seeClinician: 'Ve a un profesional de salud antes de volver a hacer ejercicio.',
    clinicPaused: 'Tu clínica pausó tus avisos: habla con ellos para volver a empezar.',
    resumed: 'Tus avisos vuelven a llegar a tus horas de sesión.',
    stopped: 'Tus avisos están detenidos. No recibirás más avisos.',
    erased: 'Borramos todo lo que guardábamos sobre ti. No recibirás más mensajes nuestros.',
    noSessionLeft: 'Hoy no queda ninguna sesión que saltar o posponer.',
    skipped: (time) => `Saltada: hoy no habrá aviso para la sesión de las ${time}.`,
    tooLate: 'Eso es demasiado tarde para hoy: elige posponer menos tiempo, o sáltala.',
    snoozed: (until) => `Pospuesta: te avisaremos a las ${until}.`,
    timesAre: (times, zone) => `Tus avisos son a las ${times} (${zone}).`,
    timesChanged: (times, zone) => `Listo: ahora tus avisos son a las ${times} (${zone}).`,
    timesFull: (free) => `Esas horas están completas.${free ? ` Estas tienen sitio: ${free}.` : ''}`,
    timesEnded: 'Este plan ya terminó: sus horas no pueden cambiar.',
    timesCount: (path, count) => `${path} deben ser exactamente ${count} horas`,
    timesFormat: (path) => `${path} deben ser horas del día como HH:MM, por ejemplo 08:00`,
    timeWindow: (path, from, to) => `${path} debe ser entre las ${from} y las ${to}: no hay avisos de noche`,
    timeGap: (path, hours) => `${path} debe ser al menos ${hours} horas después de la sesión anterior`,
    unknownZone: (path, zone) => `${path} "${zone}" no es una zona horaria conocida`,
  },
  calendar: {
    summary: (appName, n, of) => `${appName}: ejercicios de espalda, sesión ${n} de ${of}`,
    description: (link) => `Tus movimientos con dibujos, y el botón de Listo: ${link}`,
  },
};
