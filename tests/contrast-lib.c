/*
 * contrast-lib.c - colour arithmetic for the legibility tests.
 *
 * Luminance and contrast follow WCAG 2.1's definitions (sRGB channels
 * linearised with the 0.04045 threshold).  Colour-vision deficiency is
 * simulated as Machado, Oliveira and Fernandes (2009) do, with their
 * severity-1.0 matrices applied to linear RGB.  CIEDE2000 follows
 * Sharma, Wu and Dalal's implementation notes (2005).
 */
#include "contrast-lib.h"

#include <math.h>

static double
contrast_linear(unsigned v)
{
	double c = v / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static void
contrast_rgb_linear(uint32_t rgb, double out[3])
{
	out[0] = contrast_linear((rgb >> 16) & 0xff);
	out[1] = contrast_linear((rgb >> 8) & 0xff);
	out[2] = contrast_linear(rgb & 0xff);
}

double
contrast_luminance(uint32_t rgb)
{
	double c[3];

	contrast_rgb_linear(rgb, c);
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

double
contrast_ratio(uint32_t a, uint32_t b)
{
	double la = contrast_luminance(a), lb = contrast_luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Machado et al. 2009, severity 1.0. */
static const double contrast_cvd[CV__COUNT][3][3] = {
	[CV_NORMAL] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
	[CV_DEUTERANOPIA] = { { 0.367322, 0.860646, -0.227968 },
	    { 0.280085, 0.672501, 0.047413 },
	    { -0.011820, 0.042940, 0.968881 } },
	[CV_PROTANOPIA] = { { 0.152286, 1.052583, -0.204868 },
	    { 0.114503, 0.786281, 0.099216 },
	    { -0.003882, -0.048116, 1.051998 } },
};

static double
contrast_lab_f(double t)
{
	return t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16) / 116;
}

void
contrast_lab(uint32_t rgb, enum contrast_vision v, double lab[3])
{
	const double(*m)[3] = contrast_cvd[v];
	double c[3], s[3], x, y, z;
	int    i;

	contrast_rgb_linear(rgb, c);
	for (i = 0; i < 3; i++) {
		s[i] = m[i][0] * c[0] + m[i][1] * c[1] + m[i][2] * c[2];
		s[i] = s[i] < 0 ? 0 : s[i] > 1 ? 1 : s[i];
	}
	x = contrast_lab_f((0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2]) /
	    0.95047);
	y = contrast_lab_f(0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2]);
	z = contrast_lab_f((0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2]) /
	    1.08883);
	lab[0] = 116 * y - 16;
	lab[1] = 500 * (x - y);
	lab[2] = 200 * (y - z);
}

static double
contrast_deg(double rad)
{
	double d = rad * 180 / M_PI;

	return d < 0 ? d + 360 : d;
}

static double
contrast_rad(double deg)
{
	return deg * M_PI / 180;
}

/* The mean hue of two, as Sharma et al. define it (eq. 14). */
static double
contrast_mean_hue(double h1, double h2, double c1c2)
{
	if (c1c2 == 0)
		return h1 + h2;
	if (fabs(h1 - h2) <= 180)
		return (h1 + h2) / 2;
	return h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
}

double
contrast_de2000(const double a[3], const double b[3])
{
	double cb, g, a1, a2, c1, c2, h1, h2, dl, dc, dh, hd, lb, cbp, hb, t;
	double sl, sc, sh, rt, p7;

	cb = (hypot(a[1], a[2]) + hypot(b[1], b[2])) / 2;
	g = 0.5 * (1 - sqrt(pow(cb, 7) / (pow(cb, 7) + pow(25, 7))));
	a1 = (1 + g) * a[1];
	a2 = (1 + g) * b[1];
	c1 = hypot(a1, a[2]);
	c2 = hypot(a2, b[2]);
	h1 = c1 == 0 ? 0 : contrast_deg(atan2(a[2], a1));
	h2 = c2 == 0 ? 0 : contrast_deg(atan2(b[2], a2));
	dl = b[0] - a[0];
	dc = c2 - c1;
	hd = c1 * c2 == 0 ? 0 : h2 - h1;
	hd = hd > 180 ? hd - 360 : hd < -180 ? hd + 360 : hd;
	dh = 2 * sqrt(c1 * c2) * sin(contrast_rad(hd / 2));
	lb = (a[0] + b[0]) / 2;
	cbp = (c1 + c2) / 2;
	hb = contrast_mean_hue(h1, h2, c1 * c2);
	t = 1 - 0.17 * cos(contrast_rad(hb - 30)) +
	    0.24 * cos(contrast_rad(2 * hb)) +
	    0.32 * cos(contrast_rad(3 * hb + 6)) -
	    0.20 * cos(contrast_rad(4 * hb - 63));
	sl = 1 +
	    0.015 * (lb - 50) * (lb - 50) / sqrt(20 + (lb - 50) * (lb - 50));
	sc = 1 + 0.045 * cbp;
	sh = 1 + 0.015 * cbp * t;
	p7 = pow(cbp, 7);
	rt = -2 * sqrt(p7 / (p7 + pow(25, 7))) *
	    sin(contrast_rad(60 * exp(-((hb - 275) / 25) * ((hb - 275) / 25))));
	return sqrt((dl / sl) * (dl / sl) + (dc / sc) * (dc / sc) +
	    (dh / sh) * (dh / sh) + rt * (dc / sc) * (dh / sh));
}

const char *
contrast_vision_name(enum contrast_vision v)
{
	static const char *const names[CV__COUNT] = { "normal vision",
		"deuteranopia", "protanopia" };

	return (unsigned)v < CV__COUNT ? names[v] : "?";
}
