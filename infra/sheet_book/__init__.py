"""A sheet as a workbook, both ways: written in the paper form's layout with the caller's
layer editable, and read back (every cell checked) into the changes it would make."""
