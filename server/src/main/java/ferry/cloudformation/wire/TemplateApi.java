package ferry.cloudformation.wire;

import ferry.cloudformation.Templates;
import ferry.cloudformation.template.ParameterDeclaration;
import ferry.cloudformation.template.TemplateSummary;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;

/** The query binding of ValidateTemplate and GetTemplateSummary. */
final class TemplateApi {
  private final Templates templates;

  TemplateApi(Templates templates) {
    this.templates = templates;
  }

  Xml validateTemplate(QueryParameters p, ApiRequest r) {
    CloudFormationApi.refuse(p, "ValidateTemplate", "TemplateURL");
    TemplateSummary summary = templates.validateTemplate(r.caller(), p.optional("TemplateBody"));
    Xml xml = Xml.fragment().open("Parameters");
    for (ParameterDeclaration parameter : summary.parameters()) {
      xml.open("member")
          .element("ParameterKey", parameter.name())
          .element("DefaultValue", parameter.defaultValue())
          .element("NoEcho", parameter.noEcho())
          .element("Description", parameter.description())
          .close("member");
    }
    xml.close("Parameters").element("Description", summary.description());
    capabilities(xml, summary);
    return transforms(xml, summary);
  }

  Xml getTemplateSummary(QueryParameters p, ApiRequest r) {
    CloudFormationApi.refuse(p, "GetTemplateSummary", "TemplateURL", "StackSetName", "CallAs");
    Templates.Summary described =
        templates.getTemplateSummary(
            r.caller(), p.optional("TemplateBody"), p.optional("StackName"));
    TemplateSummary summary = described.summary();
    String formatVersion = described.formatVersion();
    Xml xml = Xml.fragment().open("Parameters");
    for (ParameterDeclaration parameter : summary.parameters()) {
      xml.open("member")
          .element("ParameterKey", parameter.name())
          .element("DefaultValue", parameter.defaultValue())
          .element("ParameterType", parameter.type())
          .element("NoEcho", parameter.noEcho())
          .element("Description", parameter.description())
          .open("ParameterConstraints");
      if (!parameter.allowedValues().isEmpty()) {
        xml.open("AllowedValues");
        parameter.allowedValues().forEach(v -> xml.element("member", v));
        xml.close("AllowedValues");
      }
      xml.close("ParameterConstraints").close("member");
    }
    xml.close("Parameters").element("Description", summary.description());
    capabilities(xml, summary);
    xml.open("ResourceTypes");
    summary.resourceTypes().forEach(t -> xml.element("member", t));
    xml.close("ResourceTypes").element("Version", formatVersion);
    return transforms(xml, summary);
  }

  private static void capabilities(Xml xml, TemplateSummary summary) {
    if (!summary.capabilities().isEmpty()) {
      xml.open("Capabilities");
      summary.capabilities().forEach(c -> xml.element("member", c));
      xml.close("Capabilities").element("CapabilitiesReason", summary.capabilitiesReason());
    }
  }

  private static Xml transforms(Xml xml, TemplateSummary summary) {
    if (!summary.declaredTransforms().isEmpty()) {
      xml.open("DeclaredTransforms");
      summary.declaredTransforms().forEach(t -> xml.element("member", t));
      xml.close("DeclaredTransforms");
    }
    return xml;
  }
}
