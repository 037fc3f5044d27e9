package ferry.s3.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.aws.AwsException;
import ferry.s3.LifecycleConfiguration;
import ferry.s3.LifecycleFilter;
import ferry.s3.LifecycleRule;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleXmlTest {
  private static final String MALFORMED = "MalformedXML";

  static String config(String... rules) {
    return "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + String.join("", rules)
        + "</LifecycleConfiguration>";
  }

  static String rule(String id, String body) {
    return "<Rule>" + (id == null ? "" : "<ID>" + id + "</ID>") + body + "</Rule>";
  }

  static String expire(String filter, String expiration) {
    return filter + "<Status>Enabled</Status><Expiration>" + expiration + "</Expiration>";
  }

  static final String ALL = "<Filter></Filter>";
  static final String TAG = "<Filter><Tag><Key>class</Key><Value>tmp</Value></Tag></Filter>";

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("not XML at all", "<LifecycleConfiguration>", MALFORMED, null),
        Arguments.of("no rules", config(), MALFORMED, null),
        Arguments.of(
            "a status other than Enabled or Disabled",
            config(rule("a", ALL + "<Status>On</Status><Expiration><Days>1</Days></Expiration>")),
            MALFORMED,
            null),
        Arguments.of(
            "both a Filter and the legacy Prefix",
            config(rule("a", "<Prefix>x/</Prefix>" + expire(ALL, "<Days>1</Days>"))),
            MALFORMED,
            null),
        Arguments.of(
            "neither a Filter nor a Prefix",
            config(rule("a", expire("", "<Days>1</Days>"))),
            MALFORMED,
            null),
        Arguments.of(
            "a Filter with two conditions outside And",
            config(
                rule(
                    "a",
                    expire(
                        "<Filter><Prefix>a</Prefix><ObjectSizeLessThan>5</ObjectSizeLessThan></Filter>",
                        "<Days>1</Days>"))),
            MALFORMED,
            null),
        Arguments.of(
            "Days and Date together",
            config(rule("a", expire(ALL, "<Days>1</Days><Date>2030-01-01T00:00:00Z</Date>"))),
            MALFORMED,
            null),
        Arguments.of(
            "ExpiredObjectDeleteMarker with Days",
            config(
                rule(
                    "a",
                    expire(
                        ALL,
                        "<Days>1</Days><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker>"))),
            MALFORMED,
            null),
        Arguments.of("an empty Expiration", config(rule("a", expire(ALL, ""))), MALFORMED, null),
        Arguments.of(
            "Days that are not a number",
            config(rule("a", expire(ALL, "<Days>ten</Days>"))),
            MALFORMED,
            null),
        Arguments.of(
            "Days 0",
            config(rule("a", expire(ALL, "<Days>0</Days>"))),
            "InvalidArgument",
            "'Days' for Expiration action must be a positive integer"),
        Arguments.of(
            "a Date that is not midnight",
            config(rule("a", expire(ALL, "<Date>2030-01-01T12:00:00Z</Date>"))),
            "InvalidArgument",
            "'Date' must be at midnight GMT"),
        Arguments.of(
            "two rules with one ID",
            config(
                rule("same", expire(ALL, "<Days>1</Days>")),
                rule("same", expire(ALL, "<Days>2</Days>"))),
            "InvalidArgument",
            "Rule ID must be unique. Found same ID for more than one rule"),
        Arguments.of(
            "an ID of 256 characters",
            config(rule("i".repeat(256), expire(ALL, "<Days>1</Days>"))),
            "InvalidArgument",
            "ID length should not exceed allowed limit of 255"),
        Arguments.of(
            "a rule without an action",
            config(rule("a", ALL + "<Status>Enabled</Status>")),
            "InvalidRequest",
            "At least one action needs to be specified in a rule"),
        Arguments.of(
            "ExpiredObjectDeleteMarker with a tag filter",
            config(
                rule(
                    "a",
                    expire(TAG, "<ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker>"))),
            "InvalidRequest",
            "ExpiredObjectDeleteMarker cannot be specified with Tags."),
        Arguments.of(
            "AbortIncompleteMultipartUpload with a tag filter",
            config(
                rule(
                    "a",
                    TAG
                        + "<Status>Enabled</Status><AbortIncompleteMultipartUpload>"
                        + "<DaysAfterInitiation>1</DaysAfterInitiation>"
                        + "</AbortIncompleteMultipartUpload>")),
            "InvalidRequest",
            "AbortIncompleteMultipartUpload cannot be specified with Tags."),
        Arguments.of(
            "AbortIncompleteMultipartUpload without DaysAfterInitiation",
            config(
                rule(
                    "a",
                    ALL
                        + "<Status>Enabled</Status><AbortIncompleteMultipartUpload>"
                        + "</AbortIncompleteMultipartUpload>")),
            MALFORMED,
            null),
        Arguments.of(
            "NoncurrentDays 0",
            config(
                rule(
                    "a",
                    ALL
                        + "<Status>Enabled</Status><NoncurrentVersionExpiration>"
                        + "<NoncurrentDays>0</NoncurrentDays></NoncurrentVersionExpiration>")),
            "InvalidArgument",
            "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer"),
        Arguments.of(
            "duplicate tag keys under And",
            config(
                rule(
                    "a",
                    expire(
                        "<Filter><And><Tag><Key>k</Key><Value>1</Value></Tag>"
                            + "<Tag><Key>k</Key><Value>2</Value></Tag></And></Filter>",
                        "<Days>1</Days>"))),
            "InvalidRequest",
            "Duplicate Tag Keys are not allowed."),
        Arguments.of(
            "a transition to another storage class",
            config(
                rule(
                    "a",
                    ALL
                        + "<Status>Enabled</Status><Transition><Days>30</Days>"
                        + "<StorageClass>GLACIER</StorageClass></Transition>")),
            "NotImplemented",
            "one storage class"),
        Arguments.of(
            "1001 rules",
            config(
                IntStream.range(0, 1001)
                    .mapToObj(i -> rule("r" + i, expire(ALL, "<Days>1</Days>")))
                    .collect(Collectors.joining())),
            "InvalidRequest",
            "1000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refused(String name, String xml, String code, String message) {
    AwsException error =
        catchThrowableOfType(
            AwsException.class,
            () ->
                LifecycleXml.parse(xml, LifecycleConfiguration.DEFAULT_MINIMUM_OBJECT_SIZE)
                    .validate());
    assertThat(error).as(name).isNotNull();
    assertThat(error.code()).isEqualTo(code);
    if (message != null) {
      assertThat(error.getMessage()).contains(message);
    }
  }

  @Test
  void everyAction_roundTripsThroughTheDocument() {
    String xml =
        config(
            rule("current", expire("<Prefix>old/</Prefix>", "<Days>30</Days>")),
            rule(
                "dated",
                expire(
                    "<Filter><And><Prefix>a/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag>"
                        + "<ObjectSizeGreaterThan>10</ObjectSizeGreaterThan></And></Filter>",
                    "<Date>2030-01-01</Date>")),
            rule(
                "versions",
                "<Filter><Prefix></Prefix></Filter><Status>Disabled</Status>"
                    + "<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker>"
                    + "</Expiration><NoncurrentVersionExpiration><NoncurrentDays>7</NoncurrentDays>"
                    + "<NewerNoncurrentVersions>2</NewerNoncurrentVersions>"
                    + "</NoncurrentVersionExpiration><AbortIncompleteMultipartUpload>"
                    + "<DaysAfterInitiation>3</DaysAfterInitiation>"
                    + "</AbortIncompleteMultipartUpload>"));
    LifecycleConfiguration parsed = LifecycleXml.parse(xml, "varies_by_storage_class");
    parsed.validate();
    assertThat(parsed.rules()).hasSize(3);
    LifecycleRule current = parsed.rules().get(0);
    assertThat(current.filter().form()).isEqualTo(LifecycleFilter.Form.LEGACY_PREFIX);
    assertThat(current.expirationDays()).isEqualTo(30);
    LifecycleRule dated = parsed.rules().get(1);
    assertThat(dated.expirationDate()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(dated.filter().tags()).containsEntry("k", "v");
    assertThat(dated.filter().sizeGreaterThan()).isEqualTo(10L);
    LifecycleRule versions = parsed.rules().get(2);
    assertThat(versions.enabled()).isFalse();
    assertThat(versions.newerNoncurrentVersions()).isEqualTo(2);
    assertThat(versions.abortDaysAfterInitiation()).isEqualTo(3);

    String written = LifecycleXml.write(parsed);
    assertThat(written)
        .contains("<Prefix>old/</Prefix>")
        .contains("<Date>2030-01-01T00:00:00.000Z</Date>")
        .contains("<And><Prefix>a/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag>");
    assertThat(LifecycleXml.parse(written, "varies_by_storage_class")).isEqualTo(parsed);
  }

  @Test
  void aRuleWithoutId_isGivenOne() {
    LifecycleConfiguration parsed =
        LifecycleXml.parse(
            config(rule(null, expire(ALL, "<Days>1</Days>"))),
            LifecycleConfiguration.DEFAULT_MINIMUM_OBJECT_SIZE);
    assertThat(parsed.rules().getFirst().id()).hasSizeGreaterThan(20);
  }
}
