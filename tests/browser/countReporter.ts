import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints the one summary line the test steps grep for: `N passed, M failed`. */
export default class CountReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  onTestEnd(_test: TestCase, result: TestResult) {
    if (result.status === 'passed') {
      this.passed++;
    } else if (result.status !== 'skipped') {
      this.failed++;
    }
  }
  onEnd(result: FullResult) {
    console.log(`browser harness: ${this.passed} passed, ${this.failed} failed (${result.status})`);
  }
}
