package ferry.protocol;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A small XML request document (S3 configuration bodies), parsed with DTDs and external entities
 * off. Anything that is not well-formed, or has the wrong root, is MalformedXML.
 */
public final class XmlDocument {
  private final Element element;

  private XmlDocument(Element element) {
    this.element = element;
  }

  public static XmlDocument parse(String xml, String expectedRoot) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      Element root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
      if (!expectedRoot.equals(root.getLocalName())) {
        throw malformed();
      }
      return new XmlDocument(root);
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw malformed();
    }
  }

  private static AwsException malformed() {
    return new AwsException(
        ErrorCode.sender("MalformedXML", 400),
        "The XML you provided was not well-formed or did not validate against our published"
            + " schema");
  }

  public String name() {
    return element.getLocalName();
  }

  /** The text of the first child element with that name, or null. */
  public @Nullable String text(String child) {
    XmlDocument found = child(child);
    return found == null ? null : found.element.getTextContent().trim();
  }

  /**
   * The text of the first child element with that name exactly as sent, or null: for names and
   * values in which leading and trailing whitespace is part of the value, such as an S3 key.
   */
  public @Nullable String exactText(String child) {
    XmlDocument found = child(child);
    return found == null ? null : found.element.getTextContent();
  }

  public @Nullable XmlDocument child(String name) {
    List<XmlDocument> found = children(name);
    return found.isEmpty() ? null : found.getFirst();
  }

  public List<XmlDocument> children(String name) {
    List<XmlDocument> found = new ArrayList<>();
    for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element child && name.equals(child.getLocalName())) {
        found.add(new XmlDocument(child));
      }
    }
    return found;
  }

  public String text() {
    return element.getTextContent().trim();
  }
}
