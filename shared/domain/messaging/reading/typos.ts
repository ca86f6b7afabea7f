/**
 * Typo tolerance for the reader's own words: "dnoe", "paim", "pasue", "unsubscibe", "numbess",
 * "lsito" become the word meant. Only words the reader acts on are targets, each at most one edit
 * (a swap of two neighbours counts as one: text.ts editDistance), and common words one edit from a
 * target are never changed ("never" is not "fever", "cancer" is not "cancel", "ladder" is not
 * "bladder"). The list of those was drawn from an English word list (npm word-list, a test-only
 * dependency) and cut to the words people text; test/unit/reply-reading.test.ts holds the rule.
 */
import { corrector } from './text.ts';

export const TYPO_TARGETS = [
  'done',
  'finished',
  'completed',
  'complete',
  'pain',
  'pause',
  'resume',
  'unsubscribe',
  'numbness',
  'tingling',
  'exercises',
  'session',
  'reminders',
  'delete',
  'mistake',
  'stop',
  'cancel',
  'help',
  'fever',
  'bladder',
  'bowels',
  'accident',
  'please',
  'texts',
  'messages',
  'listo',
  'hecho',
  'dolor',
  'ayuda',
  'pausa',
  'seguir',
  'termine',
  'fiebre',
  'error',
] as const;

/** Real words one edit from a target: left as they are. */
export const NEAR_WORDS = new Set(
  // done
  (
    'dole dona dong dons dope dose dote dove doze drone dune dyne dene doge doner dont gone none bone tone ' +
    // pain
    'paid pail pair paint pais plain spain pawn patin pavin pein ' +
    // pause, pausa
    'cause parse passe pase causa pasa pasar pase ' +
    // resume
    'presume ' +
    // stop
    'stops shop slop step stomp stoop stow strop swop scop stoa stob stope stopt stot stoup estop stop ' +
    // cancel
    'cancer chancel cannel ' +
    // help
    'held hele helm helo helps hemp heap whelp helped ' +
    // fever
    'fewer fiver lever never sever feyer ' +
    // bladder, bowels
    'ladder badder blander gladder cladder bowls dowels towels vowels rowels bowers  ' +
    // accident
    'accidents occident accidente accidentes accidento ' +
    // thanks, texts, messages, please (and the singulars, which are words of their own)
    'text message reminder exercise thinks think tanks hanks shanks tests tents nexts teats texas massages lease pleas pleased pleases ' +
    // delete, session, reminders, numbness, tingling, exercises
    'delate deleted deletes deplete cession remainder remainders dumbness tinkling jingling mingling singling tinging exorcises exercised ' +
    // complete, finished
    'compete competed competes finisher finishes ' +
    // Spanish: dolor, hecho, listo, ayuda, termine
    'list color dolar door doors donor fibre fiber carcel pecho techo lecho lisos visto lists aguda termite ' +
    // Spanish words one edit from a target: "de donde" is not "done", "la lista" not "listo", "termino"
    // (I finish, it finished) not "termine", "ayude" not "ayuda", "hecha" its own word
    'donde dondo lista listas liste hecha hechas techos pechos termino termina terminen ' +
    'ayude ayudo ayudas pausas causas puse puso pusa seguis segui dolores doler dolia ' +
    // "no quiero más textos" was read "texts" and lost its opt-out (held-out Spanish set 2)
    'texto textos ' +
    // error
    'errors terror erred'
  ).split(' '),
);

/** The corrector the reader uses (text.ts `corrector` with the targets and the words above). */
export const correctWord = corrector(TYPO_TARGETS, NEAR_WORDS);
