/**
 * The resource types a template may declare, one {@link
 * ferry.cloudformation.resource.ResourceHandler} each, calling the service that owns the resource
 * as the stack's caller.
 */
@NullMarked
package ferry.cloudformation.resource;

import org.jspecify.annotations.NullMarked;
