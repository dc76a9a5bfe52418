"""reconcile: where news articles about one story agree, contradict and drift."""
