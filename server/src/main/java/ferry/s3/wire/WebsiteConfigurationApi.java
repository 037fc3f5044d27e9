package ferry.s3.wire;

import ferry.protocol.ApiResponse;
import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import ferry.s3.WebsiteConfiguration;
import ferry.s3.WebsiteConfiguration.Condition;
import ferry.s3.WebsiteConfiguration.Redirect;
import ferry.s3.WebsiteConfiguration.RedirectAllRequestsTo;
import ferry.s3.WebsiteConfiguration.RoutingRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A bucket's website configuration on the wire: Put/Get/DeleteBucketWebsite. */
final class WebsiteConfigurationApi {
  private final S3Service s3;

  WebsiteConfigurationApi(S3Service s3) {
    this.s3 = s3;
  }

  void putBucketWebsite(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true);
    WebsiteConfiguration website = parse(XmlDocument.parse(body, "WebsiteConfiguration"));
    s3.websites().putBucketWebsite(call.request().caller(), call.bucketName(), website);
    response.sendEmpty(200);
  }

  void getBucketWebsite(S3Call call, ApiResponse response) throws IOException {
    WebsiteConfiguration website =
        s3.websites().getBucketWebsite(call.request().caller(), call.bucketName());
    response.sendXml(200, write(website));
  }

  void deleteBucketWebsite(S3Call call, ApiResponse response) throws IOException {
    s3.websites().deleteBucketWebsite(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  /** The document's shape: members the schema requires are MalformedXML when missing. */
  static WebsiteConfiguration parse(XmlDocument document) {
    RedirectAllRequestsTo redirectAll = null;
    XmlDocument all = document.child("RedirectAllRequestsTo");
    if (all != null) {
      redirectAll = new RedirectAllRequestsTo(required(all, "HostName"), all.text("Protocol"));
    }
    String suffix = null;
    XmlDocument index = document.child("IndexDocument");
    if (index != null) {
      suffix = index.exactText("Suffix");
      if (suffix == null) {
        throw S3Errors.malformedXml();
      }
    }
    String errorKey = null;
    XmlDocument error = document.child("ErrorDocument");
    if (error != null) {
      errorKey = required(error, "Key");
    }
    List<RoutingRule> rules = new ArrayList<>();
    XmlDocument routing = document.child("RoutingRules");
    if (routing != null) {
      List<XmlDocument> elements = routing.children("RoutingRule");
      if (elements.isEmpty()) {
        throw S3Errors.malformedXml();
      }
      for (XmlDocument rule : elements) {
        rules.add(rule(rule));
      }
    }
    return new WebsiteConfiguration(suffix, errorKey, redirectAll, rules);
  }

  private static RoutingRule rule(XmlDocument rule) {
    XmlDocument redirect = rule.child("Redirect");
    if (redirect == null) {
      throw S3Errors.malformedXml();
    }
    XmlDocument condition = rule.child("Condition");
    return new RoutingRule(
        condition == null
            ? null
            : new Condition(
                condition.exactText("KeyPrefixEquals"),
                condition.text("HttpErrorCodeReturnedEquals")),
        new Redirect(
            redirect.text("HostName"),
            redirect.text("HttpRedirectCode"),
            redirect.text("Protocol"),
            redirect.exactText("ReplaceKeyPrefixWith"),
            redirect.exactText("ReplaceKeyWith")));
  }

  private static String required(XmlDocument parent, String name) {
    String value = parent.exactText(name);
    if (value == null || value.isEmpty()) {
      throw S3Errors.malformedXml();
    }
    return value;
  }

  static String write(WebsiteConfiguration website) {
    Xml xml = S3Xml.document("WebsiteConfiguration");
    RedirectAllRequestsTo all = website.redirectAllRequestsTo();
    if (all != null) {
      xml.open("RedirectAllRequestsTo")
          .element("HostName", all.hostName())
          .element("Protocol", all.protocol())
          .close("RedirectAllRequestsTo");
    }
    if (website.indexSuffix() != null) {
      xml.open("IndexDocument").element("Suffix", website.indexSuffix()).close("IndexDocument");
    }
    if (website.errorDocumentKey() != null) {
      xml.open("ErrorDocument").element("Key", website.errorDocumentKey()).close("ErrorDocument");
    }
    if (!website.routingRules().isEmpty()) {
      xml.open("RoutingRules");
      for (RoutingRule rule : website.routingRules()) {
        xml.open("RoutingRule");
        Condition condition = rule.condition();
        if (condition != null) {
          xml.open("Condition")
              .element("HttpErrorCodeReturnedEquals", condition.httpErrorCodeReturnedEquals())
              .element("KeyPrefixEquals", condition.keyPrefixEquals())
              .close("Condition");
        }
        Redirect redirect = rule.redirect();
        xml.open("Redirect")
            .element("HostName", redirect.hostName())
            .element("HttpRedirectCode", redirect.httpRedirectCode())
            .element("Protocol", redirect.protocol())
            .element("ReplaceKeyPrefixWith", redirect.replaceKeyPrefixWith())
            .element("ReplaceKeyWith", redirect.replaceKeyWith())
            .close("Redirect");
        xml.close("RoutingRule");
      }
      xml.close("RoutingRules");
    }
    return xml.close("WebsiteConfiguration").toString();
  }
}
