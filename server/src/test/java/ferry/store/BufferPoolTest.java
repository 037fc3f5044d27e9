package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BufferPoolTest {
  @Test
  void anArrayGivenBack_isLentAgain_andMoreAreMadeWhenAllAreOut() {
    BufferPool pool = new BufferPool(16, 2);
    byte[] first = pool.take();
    byte[] second = pool.take();
    assertThat(first).hasSize(16).isNotSameAs(second);
    pool.give(first);
    assertThat(pool.take()).isSameAs(first);
  }

  @Test
  void onlyKeepArraysWaitIdle() {
    BufferPool pool = new BufferPool(8, 1);
    byte[] first = pool.take();
    byte[] second = pool.take();
    pool.give(first);
    pool.give(second);
    assertThat(pool.take()).isSameAs(first);
    assertThat(pool.take()).isNotSameAs(second);
  }

  @Test
  void anArrayOfAnotherSize_isRefused() {
    BufferPool pool = new BufferPool(8, 1);
    assertThatThrownBy(() -> pool.give(new byte[9]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A buffer of 9 bytes given to a pool of 8");
    assertThat(pool.take()).hasSize(8);
  }
}
