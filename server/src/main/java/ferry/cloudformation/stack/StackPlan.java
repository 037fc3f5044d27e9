package ferry.cloudformation.stack;

import ferry.cloudformation.template.ResolvedParameters;
import ferry.cloudformation.template.Template;

/** What a stack operation makes the stack into: a template read and its parameters checked. */
public record StackPlan(Template template, ResolvedParameters parameters) {}
