package ferry.bench;

import ferry.policy.PolicyParser;
import ferry.policy.eval.PolicyEvaluator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * Decisions per second of one thread's CPU time, for the guide's requests and the corpus: a
 * companion to {@link DecisionBenchmark} that stays meaningful when other processes share the cores
 * (JMH measures wall-clock time). Run: {@code java -cp bench/target/benchmarks.jar
 * ferry.bench.CpuTimeRate}.
 */
public final class CpuTimeRate {
  private CpuTimeRate() {}

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    PolicyParser parser = new PolicyParser(100_000);
    PolicyEvaluator evaluator = new PolicyEvaluator();
    List<Scenario.Request> guide = Scenario.guide(parser);
    List<Scenario.Request> corpus = Scenario.corpus(parser);
    for (String name : List.of("guide", "corpus")) {
      Scenario.Request[] requests =
          (name.equals("guide") ? guide : corpus).toArray(Scenario.Request[]::new);
      long sink = 0;
      double best = 0;
      for (int round = 0; round < 8; round++) {
        long decisions = 0;
        long start = threads.getCurrentThreadCpuTime();
        long end = start;
        while (end - start < 1_000_000_000L) {
          for (Scenario.Request r : requests) {
            sink += evaluator.evaluate(r.context(), r.policies()).outcome().ordinal();
          }
          decisions += requests.length;
          end = threads.getCurrentThreadCpuTime();
        }
        double rate = decisions / ((end - start) / 1e9);
        // The first rounds warm the JIT up; report the best of the later ones.
        if (round >= 3) {
          best = Math.max(best, rate);
        }
        System.out.printf(
            Locale.ROOT, "%s round %d: %,.0f decisions per CPU second%n", name, round + 1, rate);
      }
      System.out.printf(
          Locale.ROOT,
          "%s: best %,.0f decisions per CPU second (%d requests, sink %d)%n",
          name,
          best,
          requests.length,
          sink % 10);
    }
  }
}
