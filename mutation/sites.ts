/**
 * Mutation sites from the contract's syntax tree (@solidity-parser/parser), never from regular
 * expressions: each mutant is one small textual change at a node's exact source range.
 * @module
 */
import { parse } from '@solidity-parser/parser';

export type Operator =
  | 'relational-swap'
  | 'arithmetic-swap'
  | 'constant-off-by-one'
  | 'delete-statement'
  | 'delete-emit'
  | 'delete-revert'
  | 'condition-constant'
  | 'swap-operands'
  | 'zero-value'
  | 'flip-party-index';

export interface Mutant {
  /** Stable: operator@line:column:replacement, so explanations of live mutants survive re-runs. */
  readonly id: string;
  readonly operator: Operator;
  readonly line: number;
  readonly column: number;
  readonly original: string;
  readonly replacement: string;
  /** Byte range [start, end) in the source. */
  readonly start: number;
  readonly end: number;
}

interface Node {
  type: string;
  range?: [number, number];
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

const relational: Record<string, string[]> = {
  '<': ['<=', '>'],
  '<=': ['<', '>='],
  '>': ['>=', '<'],
  '>=': ['>', '<='],
  '==': ['!='],
  '!=': ['=='],
};
const arithmetic: Record<string, string[]> = {
  '+': ['-'],
  '-': ['+'],
  '*': ['/'],
  '/': ['*'],
  '%': ['/'],
  '+=': ['-='],
  '-=': ['+='],
  '&': ['|'],
  '>>': ['<<'],
};
const nonCommutative = new Set(['-', '/', '%', '<', '<=', '>', '>=', '>>']);

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'range') continue;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items)
      if (item !== null && typeof item === 'object' && typeof (item as Node).type === 'string') out.push(item as Node);
  }
  return out;
}

/** Every mutant of `source`, in source order. */
export function mutantsOf(source: string): Mutant[] {
  const ast = parse(source, { range: true, loc: true }) as unknown as Node;
  const mutants: Mutant[] = [];
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  const columnOf = (offset: number) => offset - source.lastIndexOf('\n', offset - 1) - 1;
  const add = (operator: Operator, start: number, end: number, replacement: string) => {
    const original = source.slice(start, end);
    if (original === replacement) return;
    const line = lineOf(start);
    const column = columnOf(start);
    // The same node can hang under two parents (a constant's declaration and its initial value).
    if (mutants.some((m) => m.start === start && m.end === end && m.replacement === replacement)) return;
    mutants.push({
      id: `${operator}@${line}:${column}:${replacement.replace(/\s+/g, ' ')}`,
      operator,
      line,
      column,
      original,
      replacement,
      start,
      end,
    });
  };
  const text = (node: Node) => source.slice(node.range![0], node.range![1] + 1);

  const visit = (node: Node, inCode: boolean) => {
    const range = node.range;
    const start = range?.[0] ?? 0;
    const end = (range?.[1] ?? -1) + 1;
    const code =
      inCode || node.type === 'FunctionDefinition' || (node.type === 'StateVariableDeclaration' && text(node).includes('constant'));
    if (code && range !== undefined) {
      switch (node.type) {
        case 'BinaryOperation': {
          const op = node.operator as string;
          const left = node.left as Node;
          const right = node.right as Node;
          const gap = source.slice(left.range![1] + 1, right.range![0]);
          const opStart = left.range![1] + 1 + gap.indexOf(op);
          for (const to of relational[op] ?? []) add('relational-swap', opStart, opStart + op.length, to);
          for (const to of arithmetic[op] ?? []) add('arithmetic-swap', opStart, opStart + op.length, to);
          if (nonCommutative.has(op)) add('swap-operands', start, end, `${text(right)} ${op} ${text(left)}`);
          if (op === '=') add('zero-value', right.range![0], right.range![1] + 1, '0');
          break;
        }
        case 'NumberLiteral': {
          const digits = node.number as string;
          if (/^\d+$/.test(digits) && digits.length < 16) {
            const n = BigInt(digits);
            const unit = node.subdenomination === null || node.subdenomination === undefined ? '' : ` ${node.subdenomination as string}`;
            add('constant-off-by-one', start, end, `${n + 1n}${unit}`);
            if (n > 0n) add('constant-off-by-one', start, end, `${n - 1n}${unit}`);
          }
          break;
        }
        case 'ExpressionStatement':
          add('delete-statement', start, end, '{}');
          break;
        case 'EmitStatement':
          add('delete-emit', start, end, '{}');
          break;
        case 'RevertStatement':
          add('delete-revert', start, end, '{}');
          break;
        case 'IfStatement': {
          const condition = node.condition as Node;
          add('condition-constant', condition.range![0], condition.range![1] + 1, 'true');
          add('condition-constant', condition.range![0], condition.range![1] + 1, 'false');
          break;
        }
        case 'ReturnStatement': {
          const expression = node.expression as Node | null;
          if (expression !== null && expression.type !== 'TupleExpression')
            add('zero-value', expression.range![0], expression.range![1] + 1, '0');
          break;
        }
        case 'IndexAccess': {
          const index = node.index as Node;
          if (index.type === 'Identifier' && ['role', 'silent', 'proposer'].includes(index.name as string)) {
            add('flip-party-index', index.range![0], index.range![1] + 1, `1 - ${index.name as string}`);
          }
          break;
        }
      }
    }
    for (const child of children(node)) visit(child, code);
  };
  visit(ast, false);
  return mutants;
}

/** The source with one mutant applied. */
export function applyMutant(source: string, mutant: Mutant): string {
  return source.slice(0, mutant.start) + mutant.replacement + source.slice(mutant.end);
}
