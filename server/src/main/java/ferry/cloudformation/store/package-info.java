/** CloudFormation's stacks, resources, events, change sets and exports in the database (V80). */
@NullMarked
package ferry.cloudformation.store;

import org.jspecify.annotations.NullMarked;
