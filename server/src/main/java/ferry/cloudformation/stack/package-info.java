/**
 * The stack engine: runs a stack's create, update and delete in the background, resources in
 * dependency order (independent ones together), through each type's {@link
 * ferry.cloudformation.resource.ResourceHandler} as the stack's actor, with events, rollback and
 * cleanup as CloudFormation does them.
 */
@NullMarked
package ferry.cloudformation.stack;

import org.jspecify.annotations.NullMarked;
