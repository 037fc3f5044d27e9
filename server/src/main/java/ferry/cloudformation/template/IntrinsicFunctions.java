package ferry.cloudformation.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The intrinsic functions by name, gathered from their families. */
final class IntrinsicFunctions {
  /** The names AWS lists when a template uses a function it does not know, in its order. */
  static final List<String> SUPPORTED =
      List.of(
          "Fn::Base64",
          "Fn::GetAtt",
          "Fn::GetAZs",
          "Fn::ImportValue",
          "Fn::Join",
          "Fn::Split",
          "Fn::FindInMap",
          "Fn::Select",
          "Ref",
          "Fn::Equals",
          "Fn::If",
          "Fn::Not",
          "Condition",
          "Fn::And",
          "Fn::Or",
          "Fn::Contains",
          "Fn::EachMemberEquals",
          "Fn::EachMemberIn",
          "Fn::ValueOf",
          "Fn::ValueOfAll",
          "Fn::RefAll",
          "Fn::Sub",
          "Fn::Cidr");

  private static final Map<String, IntrinsicFunction> FUNCTIONS = functions();

  private IntrinsicFunctions() {}

  private static Map<String, IntrinsicFunction> functions() {
    Map<String, IntrinsicFunction> functions = new HashMap<>();
    functions.put("Ref", new RefFunction());
    functions.put("Fn::GetAtt", new GetAttFunction());
    functions.put("Fn::Sub", new SubFunction());
    functions.put("Fn::ImportValue", new ImportValueFunction());
    functions.put("Fn::FindInMap", new FindInMapFunction());
    functions.put("Fn::GetAZs", new GetAzsFunction());
    functions.put("Fn::Cidr", new CidrFunction());
    functions.putAll(StringFunctions.all());
    functions.putAll(ConditionFunctions.all());
    functions.putAll(RuleFunctions.all());
    functions.putAll(LanguageExtensionFunctions.all());
    return Map.copyOf(functions);
  }

  static @Nullable IntrinsicFunction find(String name) {
    return FUNCTIONS.get(name);
  }

  /** Whether a single-member object's key names a function (rather than a property). */
  static boolean isFunctionName(String key) {
    return key.equals("Ref") || key.startsWith("Fn::");
  }
}
