package ferry.s3;

/**
 * One kind of configuration a bucket may have, stored as its model {@code T} (a record that
 * serialises to JSON) under a name of its own: {@code new BucketSetting<>("cors",
 * CorsConfiguration.class)}. A bucket without it has none, which each operation answers with its
 * own "not configured" error.
 */
public record BucketSetting<T>(String name, Class<T> type) {}
