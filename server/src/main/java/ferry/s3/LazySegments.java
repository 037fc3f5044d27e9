package ferry.s3;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A stored version's segments, read when first used: a listing maps a page of versions and uses
 * none of their segments, which for multipart objects are most of each row. Unmodifiable (an {@link
 * AbstractList} that only reads), as {@link ObjectVersion} keeps it without a copy.
 */
public final class LazySegments extends AbstractList<Segment> implements RandomAccess {
  private final Supplier<List<Segment>> read;
  private volatile @Nullable List<Segment> segments;

  /** {@code read} returns the segments; it is called once, on first use. */
  public LazySegments(Supplier<List<Segment>> read) {
    this.read = read;
  }

  private List<Segment> segments() {
    List<Segment> known = segments;
    if (known == null) {
      known = read.get();
      segments = known;
    }
    return known;
  }

  @Override
  public Segment get(int index) {
    return segments().get(index);
  }

  @Override
  public int size() {
    return segments().size();
  }
}
