import type { Command } from 'commander';
import { UsageError } from './errors.js';

interface Node {
  readonly path: string;
  readonly subcommands: string[];
  readonly options: string[];
  readonly descriptions: Map<string, string>;
}

const URL_STARTS = ['memory:', 'file:', 'redis://', 'rediss://', 'redis+cluster://', 'consul://', 's3://', 'thrift://'];
const URL_OPTIONS = ['--store', '-s', '--from', '--to'];

function walk(command: Command, path: string, nodes: Node[], inherited: string[]): void {
  const own = command.options.flatMap((option) => [option.long, option.short].filter((flag): flag is string => flag !== undefined));
  const options = [...new Set([...inherited, ...own, '--help'])];
  const subcommands = command.commands.filter((sub) => sub.name() !== 'help');
  nodes.push({
    path,
    subcommands: subcommands.map((sub) => sub.name()),
    options,
    descriptions: new Map(subcommands.map((sub) => [sub.name(), sub.summary() || sub.description()])),
  });
  for (const sub of subcommands) walk(sub, path === '' ? sub.name() : `${path} ${sub.name()}`, nodes, path === '' ? own : inherited);
}

function bash(nodes: readonly Node[]): string {
  const cases = (pick: (node: Node) => string[]): string => nodes.map((node) => `    "${node.path}") echo "${pick(node).join(' ')}" ;;`).join('\n');
  return `# flipper completion for bash (and zsh through bashcompinit)
_flipper_subcommands() {
  case "$1" in
${cases((node) => node.subcommands)}
  esac
}
_flipper_options() {
  case "$1" in
${cases((node) => node.options)}
  esac
}
_flipper() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" word i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case " $(_flipper_subcommands "$path") " in *" $word "*) path="\${path:+$path }$word" ;; esac
  done
  case "$prev" in
    ${URL_OPTIONS.join('|')}) COMPREPLY=($(compgen -W "${URL_STARTS.join(' ')}" -- "$cur")); compopt -o nospace 2>/dev/null; return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_flipper_options "$path")" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(_flipper_subcommands "$path")" -- "$cur"))
  fi
}
complete -F _flipper flipper
`;
}

function fish(nodes: readonly Node[]): string {
  const lines = ['# flipper completion for fish', 'complete -c flipper -f'];
  for (const node of nodes) {
    const words = node.path === '' ? [] : node.path.split(' ');
    const condition = words.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${words[words.length - 1]}`;
    for (const sub of node.subcommands) {
      lines.push(`complete -c flipper -n '${condition}' -a ${sub} -d ${JSON.stringify(node.descriptions.get(sub) ?? '')}`);
    }
  }
  lines.push(`complete -c flipper -l store -s s -x -a '${URL_STARTS.join(' ')}' -d 'store URL'`);
  lines.push(`complete -c flipper -l from -x -a '${URL_STARTS.join(' ')}'`, `complete -c flipper -l to -x -a '${URL_STARTS.join(' ')}'`);
  return `${lines.join('\n')}\n`;
}

/** A completion script for the shell, generated from the command tree (so it never lags behind it). */
export function completionScript(program: Command, shell: string): string {
  const nodes: Node[] = [];
  walk(program, '', nodes, []);
  switch (shell) {
    case 'bash':
      return bash(nodes);
    case 'zsh':
      return `# flipper completion for zsh\nautoload -U +X bashcompinit && bashcompinit\n${bash(nodes)}`;
    case 'fish':
      return fish(nodes);
    default:
      throw new UsageError(`completion: shells are bash, zsh and fish, got ${JSON.stringify(shell)}`);
  }
}
