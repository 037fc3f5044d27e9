package ferry.aws;

/** An AWS error code as it goes on the wire, with its HTTP status and who is at fault. */
public record ErrorCode(String code, int httpStatus, Fault fault) {

  public static ErrorCode sender(String code, int httpStatus) {
    return new ErrorCode(code, httpStatus, Fault.SENDER);
  }

  public static ErrorCode receiver(String code, int httpStatus) {
    return new ErrorCode(code, httpStatus, Fault.RECEIVER);
  }
}
