package ferry.s3;

/**
 * One encrypted segment of an object's blob: a random id that, with the chunk number, makes each
 * chunk's nonce unique under the object's data key, and its plaintext size.
 */
public record Segment(long id, long size) {}
