/**
 * The CloudFormation template language with no I/O: reading JSON and YAML templates, validating
 * them with AWS's messages, resolving parameters, conditions and intrinsic functions, and ordering
 * resources by their dependencies.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html">Template
 *     anatomy</a>
 */
@NullMarked
package ferry.cloudformation.template;

import org.jspecify.annotations.NullMarked;
