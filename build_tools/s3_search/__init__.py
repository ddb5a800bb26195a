"""Stage 3: the search index: jieba dictionaries for each script, the segmentation cache, and the fix to Material's search worker."""
