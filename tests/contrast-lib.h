/*
 * contrast-lib.h - colour arithmetic for the legibility tests: WCAG 2.1
 * contrast, colour-vision-deficiency simulation and CIEDE2000.
 *
 * Colours are 0xRRGGBB sRGB values, as export_rgb gives them.
 */
#ifndef MEMVIZ_TESTS_CONTRAST_LIB_H
#define MEMVIZ_TESTS_CONTRAST_LIB_H

#include <stdint.h>

/* WCAG's minimum contrast of text, and of graphics (1.4.3, 1.4.11). */
#define CONTRAST_TEXT	 4.5
#define CONTRAST_GRAPHIC 3.0

enum contrast_vision {
	CV_NORMAL,
	CV_DEUTERANOPIA,
	CV_PROTANOPIA,
	CV__COUNT
};

/* WCAG 2.1 relative luminance, 0 (black) to 1 (white). */
double contrast_luminance(uint32_t rgb);
/* (L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21. */
double contrast_ratio(uint32_t a, uint32_t b);
/* CIELAB (D65) of rgb as a viewer with vision v sees it. */
void contrast_lab(uint32_t rgb, enum contrast_vision v, double lab[3]);
/* CIEDE2000 colour difference of two CIELAB colours. */
double	    contrast_de2000(const double a[3], const double b[3]);
const char *contrast_vision_name(enum contrast_vision v);

#endif
