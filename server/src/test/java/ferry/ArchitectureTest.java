package ferry;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.text.DateFormat;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of ../shared/STYLE.md §2, checked on the compiled classes. */
class ArchitectureTest {
  /** Services from left to right: each may call only those to its right. */
  static final List<String> SERVICES =
      List.of(
          "cloudformation",
          "accessanalyzer",
          "cloudtrail",
          "codepipeline",
          "s3",
          "events",
          "ssm",
          "kms",
          "sts",
          "iam");

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ferry");
  }

  @Test
  void theWordsOfAwsDependOnNothingElse() {
    noClasses()
        .that()
        .resideInAPackage("ferry.aws..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("ferry.aws..", "java..", "org.jspecify..")
        .because("ferry.aws is the vocabulary every layer shares, so it may lean on none of them")
        .check(classes);
  }

  @Test
  void thePolicyEngineIsAPureLibrary() {
    noClasses()
        .that()
        .resideInAPackage("ferry.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "ferry.app..",
            "ferry.http..",
            "ferry.protocol..",
            "ferry.auth..",
            "ferry.authz..",
            "ferry.store..",
            "org.eclipse.jetty..",
            "java.sql..",
            "java.net.http..")
        .because(
            "the policy engine takes policies and a request in and gives a decision out: no I/O")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void servicesKnowNoHttp() {
    for (String service : SERVICES) {
      noClasses()
          .that()
          .resideInAPackage("ferry." + service + "..")
          .and()
          .resideOutsideOfPackage("ferry." + service + ".wire..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.eclipse.jetty..", "ferry.http..", "ferry.protocol..")
          .because("only a service's wire package knows URLs, headers, XML and JSON")
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void servicesCallOnlyToTheRight() {
    for (int i = 1; i < SERVICES.size(); i++) {
      for (int left = 0; left < i; left++) {
        noClasses()
            .that()
            .resideInAPackage("ferry." + SERVICES.get(i) + "..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("ferry." + SERVICES.get(left) + "..")
            .because(
                "services call to the right only (cloudformation → … → codepipeline → s3 → events → ssm → kms → sts"
                    + " → iam);"
                    + " a call to the left goes through an interface the lower service defines")
            .allowEmptyShould(true)
            .check(classes);
      }
    }
  }

  @Test
  void lowerLayersDoNotReachUp() {
    noClasses()
        .that()
        .resideInAnyPackage("ferry.protocol..", "ferry.auth..", "ferry.authz..", "ferry.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ferry.http..", "ferry.app..")
        .because("a layer uses the layers below it, never one above")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage("ferry.auth..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.eclipse.jetty..", "ferry.protocol..")
        .because("SigV4 works on its own SignedRequest, so the official vectors feed it directly")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void nothingBelowTheConsoleKnowsIt() {
    noClasses()
        .that()
        .resideOutsideOfPackages("ferry.console..", "ferry.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("ferry.console..")
        .because(
            "the console reads through the services as a signed-in principal; only the"
                + " composition root wires it in")
        .check(classes);
  }

  @Test
  void datesAreWrittenWithPatterns() {
    noClasses()
        .should()
        .callMethodWhere(
            target(owner(assignableTo(DateTimeFormatter.class)))
                .and(target(nameStartingWith("ofLocalized"))))
        .orShould()
        .callMethodWhere(
            target(owner(assignableTo(DateFormat.class)))
                .and(target(nameMatching("get.*Instance"))))
        .because(
            "`ferry` runs on the JDK's built-in English data (ferry.cli.EnglishLocaleData), whose"
                + " localized date styles differ from CLDR's: a pattern reads the same on both")
        .check(classes);
  }
}
