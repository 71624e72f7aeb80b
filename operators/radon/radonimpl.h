/*
   radonimpl.h - private data of the matrix-free Radon transform (MATSHELL context).
*/
#if !defined(RADONIMPL_H)
  #define RADONIMPL_H

  #include <tesseraimpl.h>
  #include <tesseraradon.h>
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
  PetscBool  direct;  /* every rank needs exactly its own frames: the image vector is used in place */
  Vec        work;    /* otherwise a sequential copy of the needed frames */
  VecScatter scatter; /* global image -> work */
  /* filtered back-projection: ramp filter by FFTW, zero padded to length L */
  PetscInt      L;
  double       *fbuf; /* real buffer [L] (fftw_malloc) */
  fftw_complex *fhat; /* spectrum [L/2+1] (fftw_malloc) */
  PetscReal    *ramp; /* transfer function of the discrete Ram-Lak filter [L/2+1] */
  fftw_plan     pfwd, pbwd;
  PetscReal    *frow; /* projections of this rank [(pend-pstart)*ndet] */
  /* projector (sheared Joseph, see radon.c) */
  PetscReal   *lines; /* a frame as N rows and as N columns of N + 2 entries with a zero at each end [2 N (N+2)] */
  PetscScalar *tbuf;  /* the adjoint's image of the column angles, transposed [N N]; zero between uses */
  PetscReal   *acc;   /* line integrals along the fine rays [nacc] */
  PetscInt     nacc;
} Mat_Radon;

#endif
