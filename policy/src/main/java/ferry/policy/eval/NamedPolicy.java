package ferry.policy.eval;

import ferry.policy.Policy;

/**
 * A policy with the name explanations give it, e.g. {@code
 * arn:aws:iam::222222222222:policy/devkmss3access}, {@code inline policy deploy of role prods3role}
 * or {@code bucket policy of codepipeline-us-east-1-0123456789}.
 */
public record NamedPolicy(String name, Policy policy) {}
