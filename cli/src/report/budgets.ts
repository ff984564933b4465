import { readFileSync } from 'node:fs';
import { CliError } from '../errors';
import { Axis, dimValue, PricedRecord } from './aggregate';

const BUDGET_AXES: Axis[] = ['project', 'feature', 'agent'];

export interface BudgetStatus {
  axis: Axis;
  name: string;
  capUSD: number;
  costUSD: number;
  over: boolean;
}

/** Budget file: {"project": {"<name>": usd}, "feature": {...}, "agent": {...}} — advisory caps over the report range. */
export function loadBudgets(path: string): Partial<Record<Axis, Record<string, number>>> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(1, `--budgets ${path}: cannot read JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CliError(1, `--budgets ${path}: expected an object of axes`);
  }
  const out: Partial<Record<Axis, Record<string, number>>> = {};
  for (const [axis, caps] of Object.entries(raw as Record<string, unknown>)) {
    if (!BUDGET_AXES.includes(axis as Axis)) {
      throw new CliError(1, `--budgets ${path}: field '${axis}' is not one of ${BUDGET_AXES.join(', ')}`);
    }
    if (!caps || typeof caps !== 'object' || Array.isArray(caps)) {
      throw new CliError(1, `--budgets ${path}: field '${axis}' must map names to USD caps`);
    }
    for (const [name, usd] of Object.entries(caps as Record<string, unknown>)) {
      if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) {
        throw new CliError(1, `--budgets ${path}: field '${axis}.${name}' must be a non-negative number`);
      }
    }
    out[axis as Axis] = caps as Record<string, number>;
  }
  return out;
}

export function evaluateBudgets(
  budgets: Partial<Record<Axis, Record<string, number>>>,
  priced: PricedRecord[]
): BudgetStatus[] {
  const out: BudgetStatus[] = [];
  for (const [axis, caps] of Object.entries(budgets) as Array<[Axis, Record<string, number>]>) {
    const spent = new Map<string, number>();
    for (const p of priced) {
      const k = dimValue(p, axis);
      if (k in caps) {
        spent.set(k, (spent.get(k) ?? 0) + p.cost);
      }
    }
    for (const [name, capUSD] of Object.entries(caps)) {
      const costUSD = spent.get(name) ?? 0;
      out.push({ axis, name, capUSD, costUSD, over: costUSD > capUSD });
    }
  }
  return out;
}
