package ferry.aws;

/** Whose fault an error is, as the query protocol's {@code <Type>} reports it. */
public enum Fault {
  SENDER,
  RECEIVER;

  public String wireName() {
    return this == SENDER ? "Sender" : "Receiver";
  }
}
