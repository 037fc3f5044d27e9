package ferry.bench;

import ferry.policy.PolicyParser;
import ferry.policy.eval.Decision;
import ferry.policy.eval.PolicyEvaluator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decisions per second on one thread: the guide's twelve requests against the guide's policies, and
 * the 3,500 cases of the differential corpus. Scores are decisions per second (each invocation
 * decides every request once). {@code guideWithContext} also builds each request's context, as a
 * service does; {@code guideExplained} also renders the explanation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecisionBenchmark {
  private static final int GUIDE = 12;
  private static final int CORPUS = 3_500;

  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  private Scenario.Request[] guide = new Scenario.Request[0];
  private Scenario.Request[] corpus = new Scenario.Request[0];

  @Setup
  public void setUp() {
    PolicyParser parser = new PolicyParser(100_000);
    List<Scenario.Request> g = Scenario.guide(parser);
    List<Scenario.Request> c = Scenario.corpus(parser);
    if (g.size() != GUIDE || c.size() != CORPUS) {
      throw new IllegalStateException(g.size() + " guide requests, " + c.size() + " corpus cases");
    }
    for (Scenario.Request r : g) {
      if (!evaluator.evaluate(r.context(), r.policies()).isAllowed()) {
        throw new IllegalStateException(r.id() + " is not allowed");
      }
    }
    guide = g.toArray(Scenario.Request[]::new);
    corpus = c.toArray(Scenario.Request[]::new);
  }

  @Benchmark
  @OperationsPerInvocation(GUIDE)
  public void guide(Blackhole bh) {
    for (Scenario.Request r : guide) {
      bh.consume(evaluator.evaluate(r.context(), r.policies()).outcome());
    }
  }

  @Benchmark
  @OperationsPerInvocation(GUIDE)
  public void guideWithContext(Blackhole bh) {
    for (Scenario.Request r : guide) {
      bh.consume(evaluator.evaluate(r.fresh().get(), r.policies()).outcome());
    }
  }

  @Benchmark
  @OperationsPerInvocation(GUIDE)
  public void guideExplained(Blackhole bh) {
    for (Scenario.Request r : guide) {
      Decision d = evaluator.evaluate(r.context(), r.policies());
      bh.consume(d.explanation().render());
    }
  }

  @Benchmark
  @OperationsPerInvocation(CORPUS)
  public void corpus(Blackhole bh) {
    for (Scenario.Request r : corpus) {
      bh.consume(evaluator.evaluate(r.context(), r.policies()).outcome());
    }
  }

  @Benchmark
  @OperationsPerInvocation(CORPUS)
  public void corpusWithContext(Blackhole bh) {
    for (Scenario.Request r : corpus) {
      bh.consume(evaluator.evaluate(r.fresh().get(), r.policies()).outcome());
    }
  }
}
