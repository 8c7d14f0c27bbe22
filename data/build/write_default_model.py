"""Train the default model on ``all`` and write it where the package ships it.

Run after any change of the training data or of the default model's definition; the test
``test_the_shipped_default_model_is_current_and_retraining_gives_its_predictions`` fails while
the shipped file is stale.

    python data/build/write_default_model.py
"""

from stance.training import write_default_model

if __name__ == "__main__":
    print(f"default model -> {write_default_model()}")
