"""`python -m builder …`: the command line (`cli`), the LMS exports (`export`:
the quiz banks; `scorm` and `scorm_manifest`: the whole course as a SCORM
package; `site_course`: the modules a site's mkdocs.yml gives them), the site as
a plain docs tree (`generate`), an agency's own copy (`agency`) and a new
module's files (`scaffold`).

May import every other layer."""
