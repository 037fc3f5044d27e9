package ferry.codepipeline;

import java.util.List;

/** A stage: its actions, and blockers (reserved by AWS; Ferry rejects any). */
public record StageDeclaration(String name, List<ActionDeclaration> actions, int blockerCount) {
  public StageDeclaration {
    actions = List.copyOf(actions);
  }

  public boolean isSourceStage() {
    return actions.stream().allMatch(a -> a.actionTypeId().category().equals("Source"));
  }
}
