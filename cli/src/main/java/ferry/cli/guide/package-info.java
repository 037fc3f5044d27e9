/**
 * The guide "How do I deploy artifacts to Amazon S3 in a different AWS account using CodePipeline?"
 * played against Ferry through the public AWS APIs with the AWS SDK for Java v2: what {@code ferry
 * demo} runs.
 */
@NullMarked
package ferry.cli.guide;

import org.jspecify.annotations.NullMarked;
