package ferry.store;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Byte arrays of one size lent to requests and taken back, so that every object read or written
 * does not allocate its own large buffers: at a few hundred requests a second those arrays were
 * most of the server's allocation, and while in flight they outlived the young generation and were
 * copied and promoted with each collection. At most {@code keep} arrays wait idle; more are made
 * when more are out, and those beyond {@code keep} are left to the collector when given back.
 *
 * <p>A borrower gives an array back once, when nothing it handed the array to still holds it.
 */
public final class BufferPool {
  private final int size;
  private final ArrayBlockingQueue<byte[]> idle;

  public BufferPool(int size, int keep) {
    this.size = size;
    this.idle = new ArrayBlockingQueue<>(keep);
  }

  /** An array of this pool's size; its contents are whatever the last borrower left. */
  public byte[] take() {
    byte[] buffer = idle.poll();
    return buffer != null ? buffer : new byte[size];
  }

  /** Takes back an array from {@link #take}. */
  public void give(byte[] buffer) {
    if (buffer.length != size) {
      throw new IllegalArgumentException(
          "A buffer of " + buffer.length + " bytes given to a pool of " + size);
    }
    idle.offer(buffer);
  }

  /** The size of every array this pool lends. */
  public int size() {
    return size;
  }
}
