/*
   radonimpl.h - private data of the matrix-free Radon transform (MATSHELL context).
*/
#if !defined(RADONIMPL_H)
  #define RADONIMPL_H

  #include <tesseraimpl.h>
  #include <fftw3.h>

typedef struct {
  /* geometry */
  PetscInt   N;     /* image side in pixels */
  PetscInt   T;     /* number of time frames */
  PetscInt   ndet;  /* detector bins per projection */
  PetscReal  ds;    /* detector spacing in pixel units */
  PetscInt   nang;  /* total number of projections (all frames) */
  PetscReal *theta; /* angle of each projection [nang], radians */
  PetscInt  *frame; /* frame of each projection [nang] */
  PetscInt  *count; /* projections in each frame [T] */
  /* parallel layout: this rank's projections [pstart, pend) need frames [fstart, fend) */
  PetscInt   pstart, pend, fstart, fend;
  Vec        work;    /* sequential copy of the needed frames */
  VecScatter scatter; /* global image -> work */
  /* filtered back-projection: ramp filter by FFTW, zero padded to length L */
  PetscInt      L;
  double       *fbuf; /* real buffer [L] (fftw_malloc) */
  fftw_complex *fhat; /* spectrum [L/2+1] (fftw_malloc) */
  PetscReal    *ramp; /* transfer function of the discrete Ram-Lak filter [L/2+1] */
  fftw_plan     pfwd, pbwd;
  PetscReal    *frow;   /* projections of this rank [(pend-pstart)*ndet] */
  PetscInt      margin; /* padding of the row buffer: bins a pixel can reach outside the detector */
  PetscReal    *pad;    /* four padded projection rows, ndet + 2 margin + 2 bins each */
  PetscReal    *wl;     /* weights and bins of the pixels of two image rows [2 N] */
  int          *kl;
} Mat_Radon;

#endif
