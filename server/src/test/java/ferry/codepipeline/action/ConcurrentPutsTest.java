package ferry.codepipeline.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.authz.ActingService;
import ferry.codepipeline.engine.ActionFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentPutsTest {
  @Test
  void theFailureReported_isTheEarliestFilesOne_evenWhenALaterPutFailedFirst() throws Exception {
    var laterFailed = new CountDownLatch(1);
    try (var puts = new ConcurrentPuts(4)) {
      puts.submit(
          "a.html",
          () -> {
            await(laterFailed);
            throw ActionFailure.jobFailed("a.html failed");
          });
      puts.submit(
          "b.html",
          () -> {
            laterFailed.countDown();
            throw ActionFailure.jobFailed("b.html failed");
          });

      assertThatThrownBy(puts::finish)
          .isInstanceOf(ActionFailure.class)
          .hasMessage("a.html failed");
    }
  }

  @Test
  void afterAFailure_noFurtherPutStarts() throws Exception {
    var started = new AtomicInteger();
    try (var puts = new ConcurrentPuts(4)) {
      puts.submit(
          "a.html",
          () -> {
            started.incrementAndGet();
            throw ActionFailure.jobFailed("a.html failed");
          });
      assertThatThrownBy(puts::finish).hasMessage("a.html failed");
      assertThatThrownBy(() -> puts.submit("b.html", started::incrementAndGet))
          .hasMessage("a.html failed");
    }
    assertThat(started).hasValue(1);
  }

  @Test
  void aPathThatComesAgain_isPutAfterTheFirst_soTheLaterFileWins() throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    try (var puts = new ConcurrentPuts(4)) {
      puts.submit(
          "index.html",
          () -> {
            sleep(200);
            written.add("first");
          });
      puts.submit("index.html", () -> written.add("second"));
      puts.finish();
    }
    assertThat(written).containsExactly("first", "second");
  }

  @Test
  void atMostWidthPuts_runAtOnce() throws Exception {
    var now = new AtomicInteger();
    var most = new AtomicInteger();
    try (var puts = new ConcurrentPuts(2)) {
      for (int i = 0; i < 8; i++) {
        puts.submit(
            "file" + i,
            () -> {
              most.accumulateAndGet(now.incrementAndGet(), Math::max);
              sleep(30);
              now.decrementAndGet();
            });
      }
      puts.finish();
    }
    assertThat(most).hasValue(2);
  }

  @Test
  void eachPut_actsForTheServiceItsSubmitterActsFor() throws Exception {
    List<String> acting = new CopyOnWriteArrayList<>();
    String outer = ActingService.enter("codepipeline.amazonaws.com");
    try (var puts = new ConcurrentPuts(2)) {
      puts.submit("index.html", () -> acting.add(String.valueOf(ActingService.current())));
      puts.finish();
    } finally {
      ActingService.restore(outer);
    }
    assertThat(acting).containsExactly("codepipeline.amazonaws.com");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
