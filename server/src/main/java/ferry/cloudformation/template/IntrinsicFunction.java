package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;

/** One intrinsic function: its argument (unresolved) in, its value out. */
interface IntrinsicFunction {
  JsonNode apply(JsonNode argument, Evaluator evaluator);
}
