/**
 * CloudFormation: stacks made of templates, whose resources are created, updated and deleted
 * through Ferry's services as the stack's caller (or the role passed to the stack), so a template
 * that would fail on AWS for want of a grant fails here, at the same resource.
 */
@NullMarked
package ferry.cloudformation;

import org.jspecify.annotations.NullMarked;
