package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class StoreExceptionTest {
  @Test
  void aPoolThatGetsNoConnection_isTheDatabaseOutOfReach() {
    var timeout = new SQLTransientConnectionException("ferry - Connection is not available");

    assertThat(StoreException.unreachable(new StoreException("Cannot reach", timeout))).isTrue();
  }

  @Test
  void connectionStatesAndAShuttingDownServer_areTheDatabaseOutOfReach() {
    assertThat(StoreException.unreachable(new SQLException("refused", "08001"))).isTrue();
    assertThat(StoreException.unreachable(new SQLException("i/o", "08006"))).isTrue();
    assertThat(StoreException.unreachable(new SQLException("admin shutdown", "57P01"))).isTrue();
    assertThat(
            StoreException.unreachable(
                new RuntimeException(new IllegalStateException(new ConnectException("refused")))))
        .isTrue();
  }

  @Test
  void aConstraintOrSyntaxError_isNotAnOutage() {
    assertThat(
            StoreException.unreachable(new StoreException("x", new SQLException("dup", "23505"))))
        .isFalse();
    assertThat(StoreException.unreachable(new SQLException("no state"))).isFalse();
    assertThat(StoreException.unreachable(new IllegalStateException("bug"))).isFalse();
  }
}
