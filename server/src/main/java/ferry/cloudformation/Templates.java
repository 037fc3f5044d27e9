package ferry.cloudformation;

import ferry.aws.Caller;
import ferry.cloudformation.template.Template;
import ferry.cloudformation.template.TemplateSummary;
import org.jspecify.annotations.Nullable;

/**
 * ValidateTemplate and GetTemplateSummary: a template read and checked on its own, or a stack's.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ValidateTemplate.html">ValidateTemplate</a>
 */
public final class Templates {
  /** A template's summary, with its format version. */
  public record Summary(TemplateSummary summary, @Nullable String formatVersion) {}

  private final StackAccess access;
  private final StackTemplates templates;

  Templates(StackAccess access, StackTemplates templates) {
    this.access = access;
    this.templates = templates;
  }

  public TemplateSummary validateTemplate(Caller caller, @Nullable String body) {
    access.authorize(caller, "ValidateTemplate", "*");
    return TemplateSummary.of(templates.read(body));
  }

  public Summary getTemplateSummary(
      Caller caller, @Nullable String body, @Nullable String stackNameOrId) {
    if ((body == null) == (stackNameOrId == null)) {
      throw CloudFormationErrors.validation(
          "Exactly one of TemplateBody, TemplateUrl, StackName or StackSetName must be"
              + " specified.");
    }
    Template template;
    if (stackNameOrId != null) {
      template =
          templates.read(access.find(caller, stackNameOrId, "GetTemplateSummary").template());
    } else {
      access.authorize(caller, "GetTemplateSummary", "*");
      template = templates.read(body);
    }
    return new Summary(TemplateSummary.of(template), template.formatVersion());
  }
}
