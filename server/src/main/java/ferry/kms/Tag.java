package ferry.kms;

/** A key's tag, {@code TagKey} and {@code TagValue} on the wire. */
public record Tag(String key, String value) {}
