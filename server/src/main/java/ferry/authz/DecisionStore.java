package ferry.authz;

import ferry.authz.DecisionLog.Explained;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where decisions are kept for every node sharing the database to explain. */
public interface DecisionStore {
  void insert(List<Explained> decisions);

  Optional<Explained> find(String id);

  /** The last {@code count} decisions, newest last. */
  List<Explained> last(int count);

  int removeBefore(Instant cutoff);
}
