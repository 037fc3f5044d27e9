package ferry.kms;

import java.util.List;

/**
 * Tags on keys.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/tagging-keys.html">Tagging
 *     keys</a>
 */
public final class KmsTags {
  private KmsTags() {}

  static void check(List<Tag> tags) {
    for (Tag tag : tags) {
      if (tag.key().isEmpty() || tag.key().length() > 128) {
        throw KmsErrors.error(
            "TagException", "Tag key must be 1 to 128 characters: '" + tag.key() + "'");
      }
      if (tag.value().length() > 256) {
        throw KmsErrors.error(
            "TagException", "Tag value of " + tag.key() + " must be at most 256 characters");
      }
      if (tag.key().startsWith("aws:")) {
        throw KmsErrors.error("TagException", "Tags beginning with aws: are reserved");
      }
    }
  }
}
