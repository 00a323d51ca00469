"""Rubrics (评分表): the published versions, publishing a file, validating one."""
