/**
 * The movements in Spanish (catalog.ts holds the English and the ids): each movement's name, short
 * name (texts), how-to and equipment, the kettlebell holds, and the pictures' alt texts
 * (pictures.ts draws them; the alt text is the language's). Typed by the catalog's ids, so a
 * movement without its Spanish does not compile. Pages keep the accents; texts fold them (sms.ts).
 */
import type { HoldName, MovementId } from './catalog.ts';

export interface MovementWords {
  readonly name: string;
  readonly shortName: string;
  readonly howTo: string;
  readonly equipment?: string;
  /** The picture's alt text (the movement's start and end). */
  readonly alt: string;
}

export const MOVEMENTS_ES: Readonly<Record<MovementId, MovementWords>> = {
  'hip-mobility': {
    name: 'Movilidad de cadera',
    shortName: 'Cadera',
    howTo:
      'De pie, erguido y sujetándote a un apoyo, dibuja círculos lentos y completos con una rodilla y luego con la otra.',
    alt: 'De pie, erguido, con una mano en un apoyo; luego levanta una rodilla a la altura de la cadera y dibuja un círculo lento con ella.',
  },
  'cat-camel': {
    name: 'Gato-camello',
    shortName: 'Gato-camello',
    howTo:
      'En cuatro apoyos, redondea la espalda hacia arriba despacio y luego déjala bajar con suavidad; mueve una parte cada vez.',
    alt: 'En cuatro apoyos: primero la espalda redondeada hacia el techo, luego bajando con suavidad.',
  },
  'in-line-lunge-halo': {
    name: 'Zancada con halo',
    shortName: 'Zancada halo',
    howTo:
      'De rodillas en una zancada estrecha, con los pies en línea, haz círculos con un peso ligero alrededor de la cabeza, con las costillas abajo.',
    alt: 'De rodillas en una zancada estrecha con un peso ligero en el pecho; luego el peso da la vuelta alrededor de la cabeza.',
  },
  'forward-reverse-beast-walk': {
    name: 'Paso de oso adelante y atrás',
    shortName: 'Oso adelante/atrás',
    howTo:
      'Con manos y puntas de los pies en el suelo, las rodillas apenas levantadas y la espalda plana, gatea unos pasos hacia delante y luego hacia atrás.',
    alt: 'Manos y puntas de los pies en el suelo, rodillas apenas levantadas y espalda plana; luego unos pasos cortos gateando hacia delante y hacia atrás.',
  },
  'lateral-beast-walk': {
    name: 'Paso de oso lateral',
    shortName: 'Oso lateral',
    howTo:
      'Con manos y puntas de los pies en el suelo, las rodillas apenas levantadas y la espalda plana, gatea de lado unos pasos hacia cada lado, con la cadera nivelada.',
    alt: 'Visto de frente: en posición de oso, manos y pies en el suelo, rodillas apenas levantadas; luego gateando de lado con la cadera nivelada.',
  },
  'hip-bridges': {
    name: 'Puente de cadera',
    shortName: 'Puente',
    howTo:
      'Acostado boca arriba con las rodillas dobladas, aprieta los glúteos y sube la cadera hasta que rodillas, cadera y hombros queden en línea.',
    alt: 'Acostado boca arriba con las rodillas dobladas y los pies apoyados; luego sube la cadera hasta que rodillas, cadera y hombros quedan en línea.',
  },
  'single-leg-hip-bridges': {
    name: 'Puente a una pierna',
    shortName: 'Puente 1 pierna',
    howTo:
      'Un puente de cadera con un pie en el suelo y la otra pierna levantada; mantén la cadera nivelada y luego cambia de lado.',
    alt: 'Acostado boca arriba, un pie en el suelo y la otra pierna levantada; luego sube la cadera nivelada sobre una sola pierna.',
  },
  'side-plank-clam-shells': {
    name: 'Plancha lateral con almeja',
    shortName: 'Plancha almeja',
    howTo:
      'Mantén una plancha lateral sobre las rodillas y el codo, y abre y cierra la rodilla de arriba como una almeja.',
    alt: 'De lado, apoyado en el codo y las rodillas con la cadera levantada; luego abre la rodilla de arriba como una almeja, con los pies juntos.',
  },
  'bird-dog': {
    name: 'Perro de caza',
    shortName: 'Perro de caza',
    howTo:
      'En cuatro apoyos, estira un brazo y la pierna contraria, haz una pausa con la espalda plana y luego cambia.',
    alt: 'En cuatro apoyos con la espalda plana; luego estira un brazo hacia delante y la pierna contraria hacia atrás, largos y nivelados.',
  },
  'kettlebell-walk': {
    name: 'Caminata con pesa rusa',
    shortName: 'Caminata pesa',
    howTo:
      'Camina erguido y despacio unos 10 pasos con una pesa rusa ligera, con las costillas abajo y la cadera nivelada. Usa la misma forma de sujetarla hasta tu próxima evaluación.',
    equipment:
      'Una pesa rusa ligera que puedas sostener firme sin esfuerzo (para muchas personas de 4 a 8 kg, unas 8 a 18 libras); una bolsa llena con asas también sirve.',
    alt: 'Caminando erguido y despacio, unos 10 pasos, con la pesa rusa.',
  },
};

export interface HoldWords {
  /** The hold's name ("al costado"). */
  readonly name: string;
  /** The hold picture's alt text. */
  readonly alt: string;
}

export const HOLDS_ES: Readonly<Record<HoldName, HoldWords>> = {
  'bottoms up': {
    name: 'boca abajo',
    alt: 'Caminando erguido y despacio, unos 10 pasos, con la pesa rusa boca abajo delante, el codo doblado y la bola encima de la mano.',
  },
  'by the side': {
    name: 'al costado',
    alt: 'Caminando erguido y despacio, unos 10 pasos, con la pesa rusa colgando de una mano al costado.',
  },
  overhead: {
    name: 'sobre la cabeza',
    alt: 'Caminando erguido y despacio, unos 10 pasos, con la pesa rusa sobre la cabeza con el brazo estirado.',
  },
  'overhead and by the side': {
    name: 'arriba y al costado',
    alt: 'Caminando erguido y despacio, unos 10 pasos, con una pesa rusa sobre la cabeza con el brazo estirado y otra colgando del otro lado.',
  },
  'bottoms up overhead': {
    name: 'boca abajo arriba',
    alt: 'Caminando erguido y despacio, unos 10 pasos, con la pesa rusa boca abajo sobre la cabeza y la bola encima de la mano.',
  },
};
