package ferry.console.accessmap;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import ferry.console.accessmap.AccessMap.Access;
import ferry.console.accessmap.AccessMap.Edge;
import ferry.console.accessmap.AccessMap.Grant;
import ferry.console.accessmap.AccessMap.Kind;
import ferry.console.accessmap.AccessMap.Node;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class AccessMapSvgTest {
  static final AccountId DEV = AccountId.of("111111111111");
  static final AccountId PROD = AccountId.of("222222222222");
  static final String SERVICE_ROLE =
      "arn:aws:iam::111111111111:role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String PROD_ROLE = "arn:aws:iam::222222222222:role/prods3role";
  static final String OUTPUT = "arn:aws:s3:::codepipeline-output-bucket";
  static final String KEY = "arn:aws:kms:us-east-1:111111111111:key/k-1";

  static final AccessMap MAP =
      new AccessMap(
          List.of(
              new AccessMap.Account(DEV, "dev <&> \"quoted\""),
              new AccessMap.Account(PROD, "prod")),
          List.of(
              new Node("arn:aws:iam::111111111111:root", Kind.ACCOUNT_ROOT, DEV, "root"),
              new Node(
                  SERVICE_ROLE,
                  Kind.ROLE,
                  DEV,
                  "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy"),
              new Node("arn:aws:iam::111111111111:role/r", Kind.ROLE, DEV, "a<b>&'c'"),
              new Node(KEY, Kind.KEY, DEV, "alias/s3deploykey"),
              new Node("arn:aws:iam::222222222222:root", Kind.ACCOUNT_ROOT, PROD, "root"),
              new Node(PROD_ROLE, Kind.ROLE, PROD, "prods3role"),
              new Node(OUTPUT, Kind.BUCKET, PROD, "codepipeline-output-bucket")),
          List.of(
              edge(SERVICE_ROLE, PROD_ROLE, Access.ASSUME, "sts:AssumeRole"),
              edge(
                  SERVICE_ROLE,
                  "arn:aws:iam::111111111111:role/r",
                  Access.ASSUME,
                  "sts:AssumeRole"),
              edge(
                  "arn:aws:iam::111111111111:role/r",
                  SERVICE_ROLE,
                  Access.ASSUME,
                  "sts:AssumeRole"),
              edge(PROD_ROLE, OUTPUT, Access.READ, "s3:GetObject"),
              edge(PROD_ROLE, OUTPUT, Access.WRITE, "s3:PutObject"),
              edge(PROD_ROLE, KEY, Access.DECRYPT, "kms:Decrypt"),
              edge(PROD_ROLE, KEY, Access.ENCRYPT, "kms:GenerateDataKey")));

  static Edge edge(String from, String to, Access access, String action) {
    return new Edge(
        from,
        to,
        access,
        action,
        to,
        List.of(
            new Grant(
                "trust policy of role <x> & \"y\"", "S<1>", 0, "statement 1 (Sid \"S<1>\")")));
  }

  @Test
  void theSvg_isWellFormedXml_withOneLinkPerEdge_andItsAccessibleTitle() throws Exception {
    String svg =
        new AccessMapSvg(e ->
            "/_ferry/console/access-map/edge?from="
                + URLEncoder.encode(e.from(), StandardCharsets.UTF_8)
                + "&access="
                + e.access().word())
            .render(MAP);

    Document document = parse(svg);
    Element root = document.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    NodeList links = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "a");
    assertThat(links.getLength()).isEqualTo(MAP.edges().size());
    List<String> hrefs = new ArrayList<>();
    for (int i = 0; i < links.getLength(); i++) {
      Element link = (Element) links.item(i);
      hrefs.add(link.getAttribute("href"));
      Element title = (Element) link.getElementsByTagNameNS("*", "title").item(0);
      assertThat(title.getTextContent()).contains(" may ").contains("granted by");
      assertThat(link.getAttribute("aria-label")).isEqualTo(title.getTextContent());
    }
    assertThat(hrefs)
        .contains(
            "/_ferry/console/access-map/edge?from="
                + URLEncoder.encode(SERVICE_ROLE, StandardCharsets.UTF_8)
                + "&access=assume");
    assertThat(svg).doesNotContain("<script");
  }

  @Test
  void labels_areEscaped_andReadBackAsWritten() throws Exception {
    String svg = new AccessMapSvg(e -> "#" + e.access().word()).render(MAP);

    assertThat(svg).contains("a&lt;b&gt;&amp;&#39;c&#39;").doesNotContain("a<b>");
    Document document = parse(svg);
    List<String> texts = new ArrayList<>();
    NodeList all = document.getElementsByTagNameNS("*", "text");
    for (int i = 0; i < all.getLength(); i++) {
      texts.add(all.item(i).getTextContent());
    }
    assertThat(texts).contains("a<b>&'c'", "dev <&> \"quoted\" · 111111111111", "prods3role");
    // A long name is shortened on the map; the full ARN stays in the node's title.
    assertThat(texts)
        .noneMatch(t -> t.equals("AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy"));
    assertThat(svg).contains("<title>role " + SERVICE_ROLE + "</title>");
    assertThat(svg).contains("trust policy of role &lt;x&gt; &amp; &quot;y&quot;");
  }

  @Test
  void anEmptyMap_isStillADocument() throws Exception {
    Document document =
        parse(new AccessMapSvg(e -> "#").render(new AccessMap(List.of(), List.of(), List.of())));

    assertThat(document.getElementsByTagNameNS("*", "a").getLength()).isZero();
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }
}
