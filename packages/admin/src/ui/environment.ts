import { InvalidArgumentError } from '@flipper-client/core/store';

/** The `environment` option: a label in every page's header, in a colour, so production cannot pass for staging. */
export interface EnvironmentOption {
  /** `production`, `staging`, `eu-west`: at most 32 characters. */
  readonly name: string;
  /** `#b42318`, `#f80`, or one of red, orange, yellow, green, blue, purple, gray. Default gray. */
  readonly color?: string;
}

export interface ResolvedEnvironment {
  readonly name: string;
  /** `#rrggbb` */
  readonly color: string;
  /** Black or white, whichever reads better on `color`. */
  readonly text: string;
}

const DARK_TEXT = '#1d2330';

const NAMED: Readonly<Record<string, string>> = {
  red: '#b42318',
  orange: '#c4520a',
  yellow: '#f2c94c',
  green: '#17803d',
  blue: '#2856d8',
  purple: '#6e3bd1',
  gray: '#5b6475',
  grey: '#5b6475',
};

const isControl = (char: string): boolean => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f;

/** Relative luminance (WCAG) of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channel = (at: number): number => {
    const value = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function hexOf(color: string): string | undefined {
  const named = Object.hasOwn(NAMED, color.toLowerCase()) ? NAMED[color.toLowerCase()] : undefined;
  if (named !== undefined) return named;
  if (/^#[0-9a-f]{6}$/i.test(color)) return color.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(color)) return `#${[...color.slice(1).toLowerCase()].map((digit) => digit + digit).join('')}`;
  return undefined;
}

/**
 * Checks the option before anything is served. The colour is limited to hex and a few names
 * because it goes into a style sheet: nothing else can be written there.
 */
export function resolveEnvironment(option: EnvironmentOption | undefined): ResolvedEnvironment | undefined {
  if (option === undefined) return undefined;
  const name = typeof option === 'object' && option !== null ? option.name : undefined;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 32 || [...name].some(isControl)) {
    throw new InvalidArgumentError(`admin environment.name must be a label of 1 to 32 characters, like 'production', got ${JSON.stringify(name)}`);
  }
  const given = option.color ?? 'gray';
  const color = typeof given === 'string' ? hexOf(given.trim()) : undefined;
  if (color === undefined) {
    throw new InvalidArgumentError(`admin environment.color must be #rgb, #rrggbb or one of ${Object.keys(NAMED).join(', ')}, got ${JSON.stringify(given)}`);
  }
  // Contrast with white against contrast with the pages' near-black: the larger one reads better.
  const light = luminance(color) + 0.05;
  const text = 1.05 / light >= light / (luminance(DARK_TEXT) + 0.05) ? '#ffffff' : DARK_TEXT;
  return { name: name.trim(), color, text };
}

/** The style sheet of the label, served as `<basePath>/assets/environment.css` (no inline style under the CSP). */
export function environmentStyleSheet(environment: ResolvedEnvironment): string {
  return [
    `header.top { border-bottom: 4px solid ${environment.color}; }`,
    `header.top .environment { background: ${environment.color}; color: ${environment.text}; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; padding: .2rem .7rem; border-radius: 999px; }`,
    '',
  ].join('\n');
}
