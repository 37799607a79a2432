"""Training pipeline for whatplot: synthetic corpus, fine-tuning, evaluation and export."""
